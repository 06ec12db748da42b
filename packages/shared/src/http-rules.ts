/** RFC 9110 §5.6.2 token: the grammar of methods and header names. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

export const STANDARD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

export type MethodProblem = 'empty' | 'not-a-token' | 'too-long' | 'connect'

/** Why a method cannot be sent, or null when it can. Methods are case-sensitive tokens (RFC 9110 §9.1). */
export function methodProblem(method: string): MethodProblem | null {
  if (method.length === 0) return 'empty'
  if (method.length > 64) return 'too-long'
  if (!TOKEN.test(method)) return 'not-a-token'
  if (method.toUpperCase() === 'CONNECT') return 'connect'
  return null
}

export function isHeaderNameValid(name: string): boolean {
  return TOKEN.test(name)
}

/**
 * RFC 9110 §5.5: field values must not contain CR, LF or NUL (other controls except HTAB are
 * refused too); Node additionally refuses code points above 0xFF.
 */
export function headerValueProblem(value: string): 'control-character' | 'non-latin1' | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return 'control-character'
    if (c > 0xff) return 'non-latin1'
  }
  return null
}

/** Hop-by-hop and framing headers: the engine owns them and drops the user's (RFC 9110 §7.6.1, RFC 9112 §6). */
export const ENGINE_OWNED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
  'trailer',
  'content-length',
  'expect',
])

/**
 * The methods Postman sends without their body unless a request says disableBodyPruning
 * (postman-runtime's METHODS_WITHOUT_BODY); RequestSettings.pruneBody does the same in Courier.
 */
export const METHODS_WITHOUT_BODY: ReadonlySet<string> = new Set(['GET', 'HEAD', 'COPY', 'PURGE', 'UNLOCK'])

/** Header names whose values are secrets: masked in history, exports and logs. */
export const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-auth-token',
  'x-access-token',
  'api-key',
  'apikey',
])

/** Query parameter names whose values are secrets. */
export const SECRET_PARAMS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'api_key',
  'apikey',
  'api-key',
  'key',
  'client_secret',
  'password',
  'secret',
  'signature',
  'sig',
  'code',
])

export const REDACTED = '••••••'

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase())
}

/** The first value of the header `name` (matched case-insensitively), or undefined. */
export function headerValue(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  const lower = name.toLowerCase()
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1]
}

export const STATUS_TEXT: Record<number, string> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
}
