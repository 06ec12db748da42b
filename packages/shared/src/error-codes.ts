import { z } from 'zod'

/**
 * The one closed set of error codes. Server, web app and CLI all speak these.
 * Each has the HTTP status the server answers with and a sentence a person understands;
 * a concrete error may replace the sentence with a more specific one.
 */
export const ERRORS = {
  // The request to Courier itself is malformed (nothing sent, nothing stored).
  INVALID_REQUEST: [400, 'The request does not match what Courier expects.'],
  URL_INVALID: [400, 'The URL is not valid.'],
  URL_SCHEME_UNSUPPORTED: [400, 'Only http:// and https:// URLs can be sent.'],
  URL_TOO_LONG: [400, 'The URL is longer than 64 KiB.'],
  METHOD_INVALID: [400, 'The method must be a single token such as GET or PROPFIND, with no spaces.'],
  METHOD_NOT_ALLOWED: [400, 'CONNECT cannot be sent: it would turn Courier into a tunnel.'],
  HEADER_INVALID: [400, 'A header name or value contains characters HTTP does not allow.'],
  HEADERS_TOO_LARGE: [431, 'The request headers are larger than 16 KiB or more than 100 lines.'],
  BODY_INVALID: [400, 'The request body is not valid.'],
  VARIABLE_UNRESOLVED: [400, 'A {{variable}} has no value in the active environment.'],
  REQUEST_BODY_TOO_LARGE: [413, 'The request body is larger than the configured limit.'],
  MULTIPART_INVALID: [400, 'The uploaded form data is malformed.'],
  MULTIPART_LIMIT: [413, 'The upload has too many parts or is too large.'],
  FILE_NOT_FOUND: [404, 'The attached file is no longer on the Courier server; choose it again.'],
  FILE_PATH_NOT_ALLOWED: [400, 'Files can only come from an upload in the browser, not from a server path.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Courier accepts application/json on this route.'],

  // Who may drive Courier.
  UNAUTHORIZED: [401, 'This page is not authorised to use Courier; reload it from the address Courier printed.'],
  ORIGIN_NOT_ALLOWED: [403, 'Requests from other web pages are refused.'],
  HOST_NOT_ALLOWED: [403, 'This Host name is not allowed to reach Courier.'],
  RATE_LIMITED: [429, 'Too many failed attempts; wait a moment and try again.'],
  FORBIDDEN: [403, 'You are not allowed to do this.'],

  // Sending upstream: results recorded in history.
  TARGET_FORBIDDEN: [403, 'Courier does not send requests to this address.'],
  DNS_RESOLUTION_FAILED: [502, 'The host name could not be resolved.'],
  UPSTREAM_CONNECTION_REFUSED: [502, 'The server refused the connection.'],
  UPSTREAM_CONNECTION_RESET: [502, 'The connection was reset before the response was complete.'],
  UPSTREAM_CONNECT_TIMEOUT: [504, 'The connection could not be opened in time (connect timeout).'],
  UPSTREAM_HEADERS_TIMEOUT: [504, 'The server did not start its answer in time (headers timeout).'],
  UPSTREAM_BODY_TIMEOUT: [504, 'The server stopped sending the body (idle timeout).'],
  REQUEST_TIMEOUT: [504, 'The whole exchange took longer than the total timeout.'],
  TLS_CERT_INVALID: [502, 'The server certificate was not accepted.'],
  TLS_HANDSHAKE_FAILED: [502, 'The TLS handshake failed.'],
  TOO_MANY_REDIRECTS: [502, 'The server redirected more times than allowed.'],
  REDIRECT_FORBIDDEN: [403, 'A redirect pointed to a scheme or address Courier does not follow.'],
  RESPONSE_TOO_LARGE: [502, 'The response body is larger than the configured limit.'],
  UPSTREAM_PROTOCOL_ERROR: [502, 'The server answered with something that is not valid HTTP.'],
  CONCURRENCY_LIMIT: [429, 'Too many requests are in flight; wait for some to finish.'],
  ABORTED: [499, 'The request was cancelled.'],

  // OAuth 2.
  OAUTH_CONFIG_INVALID: [400, 'The OAuth 2 configuration is incomplete.'],
  OAUTH_DISCOVERY_FAILED: [502, 'The issuer discovery document could not be fetched.'],
  OAUTH_STATE_MISSING: [400, 'The callback carried no state parameter.'],
  OAUTH_STATE_INVALID: [400, 'The callback state is unknown or was already used.'],
  OAUTH_STATE_EXPIRED: [400, 'The authorisation took too long; start the flow again.'],
  OAUTH_CALLBACK_INVALID: [400, 'The callback parameters are malformed.'],
  OAUTH_ISSUER_MISMATCH: [400, 'The callback came from a different issuer than the flow started with.'],
  OAUTH_PROVIDER_ERROR: [400, 'The identity provider returned an error.'],
  OAUTH_TOKEN_EXCHANGE_FAILED: [502, 'The token endpoint did not return a usable token.'],
  OAUTH_TOKEN_MISSING: [400, 'There is no OAuth 2 token for this request yet; get one in the Auth tab.'],

  // Storage and data.
  NOT_FOUND: [404, 'Nothing with that id exists.'],
  STORAGE_CONFLICT: [409, 'Someone else changed this since you loaded it.'],
  STORAGE_FULL: [507, 'The disk is full; nothing was saved.'],
  STORAGE_CORRUPT: [500, 'The data file is damaged.'],
  IMPORT_INVALID: [400, 'The file could not be imported.'],
  IMPORT_TOO_LARGE: [413, 'The file is too large to import.'],
  IMPORT_FORMAT_UNKNOWN: [400, 'Courier does not recognise this as a Postman, OpenAPI, Swagger, HAR, Insomnia or Courier export, nor as a cURL command.'],
  IMPORT_FETCH_FAILED: [502, 'The file could not be fetched from that URL.'],
  INTERNAL: [500, 'Something went wrong inside Courier.'],
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
export const ErrorPhaseSchema = z.enum(['validate', 'resolve', 'connect', 'tls', 'send', 'receive', 'decode', 'redirect', 'store', 'auth'])

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
