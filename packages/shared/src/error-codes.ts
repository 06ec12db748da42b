import { z } from 'zod'

/**
 * The one closed set of error codes. Server, web app and CLI all speak these.
 * Each has the HTTP status the server answers with and a sentence a person understands;
 * a concrete error may replace the sentence with a more specific one.
 */
export const ERRORS = {
  // The request to Courier itself is malformed (nothing sent, nothing stored).
  INVALID_REQUEST: [
    400,
    'The request does not match what Courier expects; reload the page, and report it if it happens again.',
  ],
  URL_INVALID: [400, 'The URL is not valid; check it for typos and a missing http:// or https://.'],
  URL_SCHEME_UNSUPPORTED: [400, 'Only http:// and https:// URLs can be sent.'],
  URL_TOO_LONG: [400, 'The URL is longer than 64 KB; move the long values into the body.'],
  METHOD_INVALID: [400, 'The method must be a single token such as GET or PROPFIND, with no spaces.'],
  METHOD_NOT_ALLOWED: [400, 'CONNECT cannot be sent: it would turn Courier into a tunnel.'],
  HEADER_INVALID: [400, 'A header name or value contains characters HTTP does not allow.'],
  HEADERS_TOO_LARGE: [
    431,
    'The request headers are larger than 16 KB or more than 100 lines; remove or shorten some in the Headers tab.',
  ],
  BODY_INVALID: [400, 'The request body is not valid; check it in the Body tab.'],
  AUTH_INVALID: [400, 'The Auth tab cannot sign this request as it is; check its fields.'],
  VARIABLE_UNRESOLVED: [
    400,
    'A {{variable}} has no value; define it in the active environment, the collection or Globals, or pick another environment.',
  ],
  REQUEST_BODY_TOO_LARGE: [
    413,
    'The request body is larger than the configured limit; send a smaller body or raise the limit.',
  ],
  MULTIPART_INVALID: [400, 'The uploaded form data is malformed; choose the files again.'],
  MULTIPART_LIMIT: [413, 'The upload has too many parts or is too large; send fewer or smaller files.'],
  FILE_NOT_FOUND: [404, 'The attached file is no longer on the Courier server; choose it again.'],
  FILE_PATH_NOT_ALLOWED: [400, 'Files can only come from an upload in the browser, not from a server path.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Courier accepts application/json on this route.'],

  // Who may drive Courier.
  UNAUTHORIZED: [401, 'This page is not authorised to use Courier; reload it from the address Courier printed.'],
  ORIGIN_NOT_ALLOWED: [
    403,
    'Requests from other web pages are refused; use Courier from the address it printed when it started.',
  ],
  HOST_NOT_ALLOWED: [
    403,
    'This Host name is not allowed to reach Courier; open it at the address Courier printed when it started.',
  ],
  RATE_LIMITED: [429, 'Too many failed attempts; wait a moment and try again.'],
  FORBIDDEN: [403, 'You are not allowed to do this.'],

  // Sending upstream: results recorded in history.
  TARGET_FORBIDDEN: [
    403,
    'Courier does not send requests to this address (cloud metadata, link-local or Courier itself).',
  ],
  DNS_RESOLUTION_FAILED: [502, 'The host name could not be resolved; check its spelling and your network or VPN.'],
  UPSTREAM_CONNECTION_REFUSED: [
    502,
    'The server refused the connection; check that it is running and listening on that port.',
  ],
  UPSTREAM_CONNECTION_RESET: [
    502,
    "The connection was reset before the response was complete; send again, and check the server's logs if it keeps happening.",
  ],
  UPSTREAM_CONNECT_TIMEOUT: [
    504,
    "The connection could not be opened in time (connect timeout); check the address, or raise the timeout in the request's Settings tab.",
  ],
  UPSTREAM_HEADERS_TIMEOUT: [
    504,
    "The server did not start its answer in time (headers timeout); raise the timeout in the request's Settings tab if it is slow on purpose.",
  ],
  UPSTREAM_BODY_TIMEOUT: [
    504,
    "The server stopped sending the body (idle timeout); send again, or raise the timeout in the request's Settings tab.",
  ],
  REQUEST_TIMEOUT: [
    504,
    "The whole exchange took longer than the total timeout; raise it in the request's Settings tab.",
  ],
  TLS_CERT_INVALID: [
    502,
    'The server certificate was not accepted; set "Verify TLS certificates" to Off in the request\'s Settings tab to send anyway.',
  ],
  TLS_HANDSHAKE_FAILED: [502, 'The TLS handshake failed; check that the port speaks HTTPS, or use http://.'],
  TOO_MANY_REDIRECTS: [
    502,
    'The server redirected more times than allowed; raise "Max redirects" in the request\'s Settings tab, or look at the chain for a loop.',
  ],
  REDIRECT_FORBIDDEN: [403, 'A redirect pointed to a scheme or address Courier does not follow.'],
  RESPONSE_TOO_LARGE: [
    502,
    'The response body is larger than the configured limit; raise "Response size limit" in Settings and send again.',
  ],
  UPSTREAM_PROTOCOL_ERROR: [
    502,
    'The server answered with something that is not valid HTTP; check the port and scheme (http:// or https://).',
  ],
  CONCURRENCY_LIMIT: [429, 'Too many requests are in flight; wait for some to finish.'],
  USER_SEND_LIMIT: [
    429,
    "You reached this server's limit on sends per person; wait the seconds Retry-After says, then send again.",
  ],
  ABORTED: [499, 'The request was cancelled.'],

  // OAuth 2.
  OAUTH_CONFIG_INVALID: [400, 'The OAuth 2 configuration is incomplete; fill in the fields marked in the Auth tab.'],
  OAUTH_DISCOVERY_FAILED: [
    502,
    'The issuer discovery document could not be fetched; check the issuer URL, or enter the endpoints by hand.',
  ],
  OAUTH_STATE_MISSING: [400, 'The callback carried no state parameter; start the flow again from the Auth tab.'],
  OAUTH_STATE_INVALID: [
    400,
    'The callback state is unknown or was already used; start the flow again from the Auth tab.',
  ],
  OAUTH_STATE_EXPIRED: [400, 'The authorisation took too long; start the flow again.'],
  OAUTH_CALLBACK_INVALID: [400, 'The callback parameters are malformed; start the flow again from the Auth tab.'],
  OAUTH_ISSUER_MISMATCH: [
    400,
    'The callback came from a different issuer than the flow started with, so the result was not used; check the issuer in the Auth tab.',
  ],
  OAUTH_PROVIDER_ERROR: [400, 'The identity provider returned an error; its message is shown with the flow.'],
  OAUTH_TOKEN_EXCHANGE_FAILED: [
    502,
    'The token endpoint did not return a usable token; its answer is shown in the flow inspector.',
  ],
  OAUTH_TOKEN_MISSING: [400, 'There is no OAuth 2 token for this request yet; get one in the Auth tab.'],

  // Storage and data.
  NOT_FOUND: [404, 'Nothing with that id exists; it may have been deleted in another tab.'],
  STORAGE_CONFLICT: [
    409,
    'Someone else changed this since you loaded it; reload to see their version, or overwrite it with yours.',
  ],
  STORAGE_FULL: [507, 'The disk is full; nothing was saved. Free some space (clearing History helps) and try again.'],
  STORAGE_CORRUPT: [
    500,
    'The data file is damaged; restore it from a backup, or move it aside and Courier starts a new one.',
  ],
  IMPORT_INVALID: [400, 'The file could not be imported; the report says which part is wrong.'],
  IMPORT_TOO_LARGE: [413, 'The file is too large to import; split it and import the parts.'],
  IMPORT_FORMAT_UNKNOWN: [
    400,
    'Courier does not recognise this as a Postman, OpenAPI, Swagger, HAR, Insomnia or Courier export, nor as a cURL command.',
  ],
  IMPORT_FETCH_FAILED: [
    502,
    'The file could not be fetched from that URL; check the address, or download it and import the file.',
  ],
  // Realtime sessions (realtime.ts): answered as `error` messages on the page's socket.
  REALTIME_HELLO_REQUIRED: [
    401,
    "The page's first message on the realtime socket must be hello with its session token; reload the page.",
  ],
  REALTIME_MESSAGE_INVALID: [
    400,
    'That realtime message does not match what Courier expects; reload the page, and report it if it happens again.',
  ],
  REALTIME_SESSION_UNKNOWN: [404, 'That session is not open (it closed, or was never opened).'],
  REALTIME_NOT_OPEN: [409, 'The session is still connecting; send again once it is open.'],
  REALTIME_TOO_MANY_SESSIONS: [429, 'This page holds as many realtime sessions as it may; close one first.'],
  REALTIME_UNSUPPORTED: [400, 'This kind of realtime session is not available on this server.'],
  REALTIME_HANDSHAKE_FAILED: [502, 'The server did not accept the connection (its handshake answer is shown).'],
  REALTIME_UPSTREAM_ERROR: [502, 'The realtime connection failed; the timeline shows what happened last.'],
  // Capture mounts and mocks (issue 18).
  CAPTURE_MOUNT_UNKNOWN: [404, "No capture mount has this name; create it in Courier's Capture view."],
  CAPTURE_MOUNT_PAUSED: [503, "This capture mount is paused; resume it in Courier's Capture view."],
  CAPTURE_ORIGIN_NOT_ALLOWED: [
    403,
    "This page's origin is not in the capture mount's allowed origins; add it in Courier's Capture view.",
  ],
  NAME_TAKEN: [409, 'That name is already in use; choose another.'],
  MOCK_UNKNOWN: [404, 'No mock server has this id; check the mock URL in Courier.'],
  MOCK_NO_MATCH: [404, 'The mock has no saved example for this method and path.'],
  MOCK_PAUSED: [503, 'This mock server is paused; resume it in Courier’s Mocks view.'],
  WORKSPACE_FOLDER_INVALID: [
    400,
    'Courier cannot keep the workspace in this folder: give the absolute path of a folder that exists and Courier may write to.',
  ],
  WORKSPACE_FOLDER_FIXED: [
    409,
    'The workspace folder was set with --workspace when Courier started; restart without it to change it here.',
  ],
  WORKSPACE_FILES_OFF: [409, 'The workspace is not kept as files; choose a folder in Settings first.'],
  WORKSPACE_FILES_LOCAL_ONLY: [
    403,
    'A team server keeps its workspaces in its database; files and git are for Courier on your own machine.',
  ],
  GIT_MISSING: [501, 'This machine has no git command; install git to see status, commit, pull and push.'],
  GIT_FAILED: [409, 'git could not do it; its message says why.'],
  INTERNAL: [
    500,
    'Something went wrong inside Courier; try again, and if it keeps happening, the server log has the details.',
  ],
} as const satisfies Record<string, readonly [number, string]>

export type ErrorCode = keyof typeof ERRORS
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]
export const ErrorCodeSchema = z.enum(ERROR_CODES)

export function statusForCode(code: ErrorCode): number {
  return ERRORS[code][0]
}

export function defaultMessage(code: ErrorCode): string {
  return ERRORS[code][1]
}

/** Where in a send the error happened; lets the UI say "while connecting" and so on. */
export const ErrorPhaseSchema = z.enum([
  'validate',
  'resolve',
  'connect',
  'tls',
  'send',
  'receive',
  'decode',
  'redirect',
  'store',
  'auth',
])

/** Every non-2xx answer from Courier's own API has this shape. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** The request field at fault, e.g. `headers[2].name` or `url`. */
    field: z.string().optional(),
    phase: ErrorPhaseSchema.optional(),
    details: z.unknown().optional(),
  }),
})
export type ApiError = z.infer<typeof ApiErrorSchema>
export type ErrorPhase = z.infer<typeof ErrorPhaseSchema>
