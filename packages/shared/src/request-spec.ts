import { z } from 'zod'
import { AssertionSchema, ScriptsSchema } from './scripts.js'
import { ExampleSchema } from './examples.js'
import { PairsSchema, PairSchema } from './request-spec-pairs.js'
import { RealtimeSpecSchema } from './realtime-spec.js'

/**
 * One editable row: `[name, value, enabled]`. A list, not a record: names may repeat
 * (Accept, Set-Cookie, `?tag=a&tag=b`) and order matters on the wire.
 */
export const RowSchema = z.tuple([z.string(), z.string(), z.boolean()])
export const RowsSchema = z.array(RowSchema).max(1000)

export { PairSchema, PairsSchema } from './request-spec-pairs.js'

/** A file the browser uploaded to Courier (POST /api/files); bodies refer to it by id. */
export const FileRefSchema = z.object({
  fileId: z.string().regex(/^[0-9a-f-]{36}$/, 'a file id from an upload'),
  filename: z.string().max(1024),
  contentType: z.string().max(256).default('application/octet-stream'),
  size: z.number().int().nonnegative().optional(),
})

export const MultipartPartSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    name: z.string(),
    value: z.string(),
    enabled: z.boolean().default(true),
    /** Set to send a text value as a file part, like requests' `('report.csv', 'some,data')`. */
    filename: z.string().max(1024).optional(),
    contentType: z.string().max(256).optional(),
    headers: PairsSchema.default([]),
  }),
  z.object({
    kind: z.literal('file'),
    name: z.string(),
    enabled: z.boolean().default(true),
    /** Null until a file is chosen. */
    file: FileRefSchema.nullable(),
    /** The path an imported file named (a Postman `src`); set only for `courier run` on a file, which reads it. */
    source: z.string().max(4096).optional(),
    /** Overrides the uploaded file's name/type on the wire. */
    filename: z.string().max(1024).optional(),
    contentType: z.string().max(256).optional(),
    headers: PairsSchema.default([]),
  }),
])

export const BODY_KINDS = ['none', 'json', 'form', 'multipart', 'raw', 'binary', 'graphql'] as const

export const RequestBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('json'), text: z.string() }),
  z.object({ kind: z.literal('raw'), text: z.string(), contentType: z.string().max(256).default('text/plain') }),
  z.object({
    kind: z.literal('form'),
    fields: RowsSchema,
    /** How a space is written: `+` (HTML forms, browsers; absent) or `%20` (Postman, curl --data-urlencode). */
    spaceAs: z.enum(['+', '%20']).optional(),
  }),
  z.object({ kind: z.literal('multipart'), parts: z.array(MultipartPartSchema).max(1000) }),
  z.object({
    kind: z.literal('binary'),
    file: FileRefSchema.nullable(),
    contentType: z.string().max(256).optional(),
    /** As a file part's `source`. */
    source: z.string().max(4096).optional(),
  }),
  z.object({
    kind: z.literal('graphql'),
    query: z.string(),
    variables: z.string().default(''),
    operationName: z.string().optional(),
  }),
])

export const OAuth2GrantSchema = z.enum([
  'authorization_code',
  'authorization_code_pkce',
  'client_credentials',
  'password',
  'implicit',
  'device_code',
  'refresh_token',
])

export const OAuth2ConfigSchema = z.object({
  grant: OAuth2GrantSchema.default('authorization_code_pkce'),
  issuer: z.string().default(''),
  authUrl: z.string().default(''),
  tokenUrl: z.string().default(''),
  deviceAuthUrl: z.string().default(''),
  clientId: z.string().default(''),
  clientSecret: z.string().default(''),
  clientAuth: z.enum(['client_secret_basic', 'client_secret_post', 'none']).default('client_secret_basic'),
  scope: z.string().default(''),
  audience: z.string().default(''),
  resource: z.string().default(''),
  redirectUri: z.string().default(''),
  pkceMethod: z.enum(['S256', 'plain']).default('S256'),
  username: z.string().default(''),
  password: z.string().default(''),
  authParams: PairsSchema.default([]),
  tokenParams: PairsSchema.default([]),
  /** Where the obtained token is kept; one token set per key (environment-scoped). */
  tokenKey: z.string().default('default'),
  headerPrefix: z.string().default('Bearer'),
  autoRefresh: z.boolean().default(true),
})

export const OAUTH1_SIGNATURE_METHODS = [
  'HMAC-SHA1',
  'HMAC-SHA256',
  'HMAC-SHA512',
  'PLAINTEXT',
  'RSA-SHA1',
  'RSA-SHA256',
  'RSA-SHA512',
] as const

/**
 * OAuth 1.0a (RFC 5849) as Postman offers it. Timestamp and nonce are generated for every send
 * when empty. `addTo` `body` applies to x-www-form-urlencoded bodies only; others fall back to the header.
 */
export const OAuth1ConfigSchema = z.object({
  consumerKey: z.string().default(''),
  consumerSecret: z.string().default(''),
  token: z.string().default(''),
  tokenSecret: z.string().default(''),
  signatureMethod: z.enum(OAUTH1_SIGNATURE_METHODS).default('HMAC-SHA1'),
  /** PEM private key for RSA-SHA1 / RSA-SHA256. */
  privateKey: z.string().default(''),
  timestamp: z.string().default(''),
  nonce: z.string().default(''),
  version: z.string().default('1.0'),
  realm: z.string().default(''),
  callback: z.string().default(''),
  verifier: z.string().default(''),
  includeBodyHash: z.boolean().default(false),
  addEmptyParamsToSign: z.boolean().default(false),
  addTo: z.enum(['header', 'query', 'body']).default('header'),
})

/** AWS Signature Version 4: the request is signed by the engine right before it is written. */
export const AwsSigV4ConfigSchema = z.object({
  accessKey: z.string().default(''),
  secretKey: z.string().default(''),
  sessionToken: z.string().default(''),
  region: z.string().default('us-east-1'),
  service: z.string().default('execute-api'),
})

export const AUTH_TYPES = [
  'none',
  'inherit',
  'basic',
  'bearer',
  'apikey',
  'digest',
  'oauth2',
  'oauth1',
  'awsv4',
] as const

export const AuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('inherit') }),
  z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }),
  z.object({ type: z.literal('bearer'), token: z.string(), prefix: z.string().default('Bearer') }),
  z.object({
    type: z.literal('apikey'),
    name: z.string(),
    value: z.string(),
    in: z.enum(['header', 'query']).default('header'),
  }),
  z.object({ type: z.literal('digest'), username: z.string(), password: z.string() }),
  z.object({ type: z.literal('oauth2'), config: OAuth2ConfigSchema }),
  z.object({ type: z.literal('oauth1'), config: OAuth1ConfigSchema }),
  z.object({ type: z.literal('awsv4'), config: AwsSigV4ConfigSchema }),
])

export const RetryPolicySchema = z.object({
  attempts: z.number().int().min(1).max(10).default(1),
  /** First backoff; doubles on every attempt. */
  backoffMs: z.number().int().min(0).max(60_000).default(500),
  maxBackoffMs: z.number().int().min(0).max(300_000).default(30_000),
  onStatuses: z.array(z.number().int()).default([429, 500, 502, 503, 504]),
  onNetworkErrors: z.boolean().default(true),
  respectRetryAfter: z.boolean().default(true),
})

/**
 * "Set a variable from the response": after a send, the value at `expression` (a JSONPath over a
 * JSON body, a header name, or nothing for the status) is stored in a variable, so a login's
 * token feeds the next request.
 */
export const CaptureRuleSchema = z.object({
  variable: z.string().min(1).max(200),
  source: z.enum(['json', 'header', 'status']),
  expression: z.string().max(2000).default(''),
  /** Where the value goes: the active environment (globals when none is active), or globals. */
  scope: z.enum(['environment', 'global']).default('environment'),
  enabled: z.boolean().default(true),
})

/**
 * Per-request settings. Every field is optional: an absent field takes the global default
 * from the Settings page.
 */
export const RequestSettingsSchema = z.object({
  timeoutMs: z.number().int().min(1).max(300_000).optional(),
  connectTimeoutMs: z.number().int().min(1).max(120_000).optional(),
  followRedirects: z.boolean().optional(),
  maxRedirects: z.number().int().min(0).max(50).optional(),
  verifyTls: z.boolean().optional(),
  useCookieJar: z.boolean().optional(),
  retry: RetryPolicySchema.optional(),
  idempotencyKey: z.boolean().optional(),
  maxResponseBytes: z.number().int().min(1).optional(),
  /** Opt-in to reach link-local / cloud metadata addresses (169.254.0.0/16). */
  allowLinkLocal: z.boolean().optional(),
  /** Open a new connection for this send (and close it after), so every phase is measured. */
  freshConnection: z.boolean().optional(),
  /**
   * Leave the body out on GET, HEAD, COPY, PURGE and UNLOCK, as Postman does: imported Postman
   * requests with a body have it unless their protocolProfileBehavior says disableBodyPruning.
   */
  pruneBody: z.boolean().optional(),
  /**
   * How a 301, 302 or 303 redirect changes the method: `standard` (RFC 9110 as browsers and
   * requests apply it: 303 and 302 become GET, 301 turns POST into GET) or `original` (method
   * and body are kept: Postman's followOriginalHttpMethod). 307 and 308 always keep both.
   */
  redirectMethod: z.enum(['standard', 'original']).optional(),
  /** Send the previous URL as Referer on each redirect, as Postman does unless removeRefererHeaderOnRedirect. */
  refererOnRedirect: z.boolean().optional(),
})

/**
 * What a person asks Courier to send. `url` is the raw text of the URL field and carries the
 * enabled query params; `params` holds every query row (disabled ones too) so nothing typed is lost.
 * May contain `{{variables}}`, resolved on the server.
 */
export const RequestSpecSchema = z.object({
  method: z.string().max(1024),
  url: z.string().max(1024 * 1024),
  params: RowsSchema.default([]),
  pathParams: PairsSchema.default([]),
  headers: RowsSchema.default([]),
  body: RequestBodySchema.default({ kind: 'none' }),
  auth: AuthSchema.default({ type: 'none' }),
  settings: RequestSettingsSchema.default({}),
  /** The request's own Cookie line, sent in addition to the jar. */
  cookies: z
    .string()
    .max(16 * 1024)
    .default(''),
  captures: z.array(CaptureRuleSchema).max(100).default([]),
  /** Pre-request and test scripts (Postman's events), run in the sandbox around the send. */
  scripts: ScriptsSchema.default({ preRequest: '', test: '' }),
  /** Tests without code, checked after the answer like a test script's. */
  assertions: z.array(AssertionSchema).max(200).default([]),
  /** Saved example answers (Postman's examples), kept with the request. */
  examples: z.array(ExampleSchema).max(200).default([]),
  /** Set when the request is a WebSocket, SSE, Socket.IO or GraphQL-subscription session (realtime.ts). */
  realtime: RealtimeSpecSchema.optional(),
})

export type Row = z.infer<typeof RowSchema>
export type Pair = z.infer<typeof PairSchema>
export type FileRef = z.infer<typeof FileRefSchema>
export type MultipartPart = z.infer<typeof MultipartPartSchema>
export type RequestBody = z.infer<typeof RequestBodySchema>
export type BodyKind = RequestBody['kind']
export type Auth = z.infer<typeof AuthSchema>
export type AuthType = Auth['type']
export type OAuth2Config = z.infer<typeof OAuth2ConfigSchema>
export type OAuth1Config = z.infer<typeof OAuth1ConfigSchema>
export type OAuth1SignatureMethod = OAuth1Config['signatureMethod']
export type AwsSigV4Config = z.infer<typeof AwsSigV4ConfigSchema>
export type RetryPolicy = z.infer<typeof RetryPolicySchema>
export type CaptureRule = z.infer<typeof CaptureRuleSchema>
export type RequestSettings = z.infer<typeof RequestSettingsSchema>
export type RequestSpec = z.infer<typeof RequestSpecSchema>
/** What callers may send: defaults filled by parsing. */
export type RequestSpecInput = z.input<typeof RequestSpecSchema>

export function emptyRequestSpec(): RequestSpec {
  return RequestSpecSchema.parse({ method: 'GET', url: '' })
}

/** What a person's new request starts as: it takes its collection's or folder's auth, as in Postman. */
export function newRequestSpec(): RequestSpec {
  return { ...emptyRequestSpec(), auth: { type: 'inherit' } }
}
