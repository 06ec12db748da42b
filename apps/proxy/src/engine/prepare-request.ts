import {
  ENGINE_OWNED_HEADERS,
  finalUrl,
  headerValueProblem,
  isHeaderNameValid,
  isTextualContentType,
  METHODS_WITHOUT_BODY,
  methodProblem,
  type Pair,
  type RequestSpec,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import {
  appendQueryParam,
  assertAuthHeaderValid,
  hasQueryParam,
  staticAuth,
  type DigestCredentials,
} from './auth/static-auth.js'
import type { RequestSigner } from './auth/sign-request.js'
import { buildInMemoryBody } from './build-body.js'
import type { OutgoingBody } from './exchange.js'
import { NO_LENGTH_WITHOUT_BODY } from './request-head.js'

export const MAX_URL_LENGTH = 64 * 1024
export const MAX_HEADER_LINES = 100
export const MAX_HEADER_BYTES = 16 * 1024
const PREVIEW_BYTES = 4096

export type PreparedRequest = {
  method: string
  url: URL
  /** Every header as it will be sent, in order (Host first). */
  headers: Pair[]
  body: OutgoingBody
  bodySize: number
  bodyPreview: string | undefined
  notes: string[]
  /** Digest credentials from the Auth tab: used only to answer a 401 challenge. */
  digest?: DigestCredentials
  /** OAuth 1.0 / AWS Signature from the Auth tab: applied to every exchange right before it is written. */
  signer?: RequestSigner
}

export type PrepareContext = {
  userAgent: string
  /** Builds multipart and binary bodies from uploaded files; absent where files are not available. */
  buildFileBody?: (
    body: RequestSpec['body'],
  ) => Promise<{ body: OutgoingBody; size: number; contentType: string | null; preview?: string }>
}

function invalid(
  code:
    | 'METHOD_INVALID'
    | 'METHOD_NOT_ALLOWED'
    | 'URL_INVALID'
    | 'URL_SCHEME_UNSUPPORTED'
    | 'URL_TOO_LONG'
    | 'HEADER_INVALID'
    | 'HEADERS_TOO_LARGE',
  message: string,
  field: string,
): CourierError {
  return new CourierError(code, message, { field, phase: 'validate' })
}

export function validateMethod(method: string): string {
  const problem = methodProblem(method)
  if (problem === 'connect')
    throw invalid('METHOD_NOT_ALLOWED', 'CONNECT cannot be sent: it would turn Courier into a tunnel.', 'method')
  if (problem === 'empty') throw invalid('METHOD_INVALID', 'Choose a method such as GET or POST.', 'method')
  if (problem)
    throw invalid(
      'METHOD_INVALID',
      `"${method.slice(0, 40)}" is not a valid method: use letters, digits and !#$%&'*+-.^_\`|~ only, no spaces.`,
      'method',
    )
  return method
}

/** Parses the URL text once (WHATWG) with the same rules the editor's preview uses. */
export function parseTargetUrl(text: string, pathParams: readonly Pair[]): URL {
  const trimmed = text.trim()
  if (trimmed === '') throw invalid('URL_INVALID', 'Enter a URL to send the request to.', 'url')
  if (trimmed.length > MAX_URL_LENGTH) throw invalid('URL_TOO_LONG', 'The URL is longer than 64 KiB.', 'url')
  let url: URL
  try {
    url = finalUrl(trimmed, pathParams)
  } catch {
    throw invalid('URL_INVALID', `"${trimmed.slice(0, 200)}" is not a valid URL.`, 'url')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('URL_SCHEME_UNSUPPORTED', `${url.protocol}// URLs cannot be sent; use http:// or https://.`, 'url')
  }
  if (url.hostname === '') throw invalid('URL_INVALID', 'The URL has no host name.', 'url')
  if (url.port === '0') throw invalid('URL_INVALID', 'Port 0 cannot be connected to.', 'url')
  return url
}

function validateHeader(name: string, value: string, index: number): void {
  if (!isHeaderNameValid(name)) {
    throw invalid(
      'HEADER_INVALID',
      `The header name "${name.slice(0, 60)}" is not valid: names are letters, digits and !#$%&'*+-.^_\`|~ without spaces or colons.`,
      `headers[${index}].name`,
    )
  }
  const problem = headerValueProblem(value)
  if (problem === 'control-character') {
    throw invalid(
      'HEADER_INVALID',
      `The value of ${name} contains a line break or control character, which HTTP does not allow.`,
      `headers[${index}].value`,
    )
  }
  if (problem === 'non-latin1') {
    throw invalid(
      'HEADER_INVALID',
      `The value of ${name} contains characters outside Latin-1; percent-encode or Base64-encode it first.`,
      `headers[${index}].value`,
    )
  }
}

function has(headers: readonly Pair[], name: string): boolean {
  const lower = name.toLowerCase()
  return headers.some(([n]) => n.toLowerCase() === lower)
}

/** False for a form or multipart body none of whose rows would be sent. */
function hasEnabledEntries(body: RequestSpec['body']): boolean {
  if (body.kind === 'form') return body.fields.some(([name, , enabled]) => enabled && name !== '')
  if (body.kind === 'multipart')
    return body.parts.some((part) => part.enabled && !(part.name === '' && (part.kind === 'file' || part.value === '')))
  return true
}

/**
 * Turns what the person wrote into exactly what goes on the wire, refusing anything
 * invalid before a socket is opened. Rules for headers: the person's rows win; a disabled row
 * with the name of a default (User-Agent, Accept, Accept-Encoding) removes that default;
 * framing and hop-by-hop headers belong to the engine and are dropped with a note.
 */
export async function prepareRequest(spec: RequestSpec, context: PrepareContext): Promise<PreparedRequest> {
  const method = validateMethod(spec.method)
  const url = parseTargetUrl(spec.url, spec.pathParams)
  const notes: string[] = []

  const user: Pair[] = []
  spec.headers.forEach(([name, value, enabled], index) => {
    if (!enabled || (name.trim() === '' && value === '')) return
    const trimmedName = name.trim()
    validateHeader(trimmedName, value, index)
    if (ENGINE_OWNED_HEADERS.has(trimmedName.toLowerCase())) {
      notes.push(`${trimmedName} was not sent: Courier sets framing and connection headers itself.`)
      return
    }
    if (trimmedName.toLowerCase() === 'host' && has(user, 'host')) {
      throw invalid(
        'HEADER_INVALID',
        'There are two enabled Host rows; a request carries one Host. Disable or delete one of them in the Headers tab.',
        `headers[${index}].name`,
      )
    }
    user.push([trimmedName, value])
  })
  const disabledNames = new Set(
    spec.headers.filter(([, , enabled]) => !enabled).map(([name]) => name.trim().toLowerCase()),
  )

  // The Auth tab: the person's own header row or query parameter of the same name wins.
  const auth = staticAuth(spec.auth)
  notes.push(...auth.notes)
  if (auth.header) {
    assertAuthHeaderValid(auth.header)
    if (has(user, auth.header[0])) notes.push(`Your ${auth.header[0]} header row replaces the one from the Auth tab.`)
    else user.push(auth.header)
  }
  if (auth.query) {
    if (hasQueryParam(url, auth.query[0]))
      notes.push(`The URL's own ${auth.query[0]} parameter replaces the API key from the Auth tab.`)
    else appendQueryParam(url, auth.query)
  }

  if (url.username || url.password) {
    if (!has(user, 'authorization')) {
      const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
      user.push(['Authorization', `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`])
      notes.push('The user name and password in the URL were sent as Basic authorization.')
    }
    url.username = ''
    url.password = ''
  }

  if (spec.cookies.trim() !== '') {
    const value = spec.cookies.trim()
    if (headerValueProblem(value))
      throw invalid('HEADER_INVALID', 'The cookies contain a line break or characters HTTP does not allow.', 'cookies')
    const existing = user.findIndex(([name]) => name.toLowerCase() === 'cookie')
    if (existing === -1) user.push(['Cookie', value])
    else user[existing] = ['Cookie', `${user[existing]![1]}; ${value}`]
  }

  let body: OutgoingBody = null
  let bodySize = 0
  let bodyPreview: string | undefined
  let contentType: string | null = null
  const pruned = spec.settings.pruneBody === true && METHODS_WITHOUT_BODY.has(method) && spec.body.kind !== 'none'
  if (!hasEnabledEntries(spec.body)) {
    // A form or multipart body with every row off sends nothing, not an empty form (as Postman).
  } else if (pruned) {
    // Nothing is built: Postman sends neither the body nor its Content-Type.
    notes.push(
      `The body was not sent: this request leaves it out on ${method}, as Postman does (turn off “Leave the body out on GET” in its Settings tab to send it).`,
    )
  } else if (spec.body.kind === 'multipart' || spec.body.kind === 'binary') {
    if (!context.buildFileBody)
      throw new CourierError('BODY_INVALID', 'File bodies are not available here.', {
        field: 'body',
        phase: 'validate',
      })
    const built = await context.buildFileBody(spec.body)
    body = built.body
    bodySize = built.size
    contentType = built.contentType
    bodyPreview = built.preview
  } else {
    const built = buildInMemoryBody(spec.body)
    if (built) {
      body = built.bytes
      bodySize = built.bytes.length
      contentType = built.contentType
      if (isTextualContentType(contentType)) bodyPreview = built.bytes.subarray(0, PREVIEW_BYTES).toString('utf8')
    }
  }

  const headers: Pair[] = []
  const hostOverride = user.find(([name]) => name.toLowerCase() === 'host')
  headers.push(['Host', hostOverride ? hostOverride[1] : url.host])
  for (const pair of user) if (pair !== hostOverride) headers.push(pair)

  const defaults: Pair[] = [
    ['User-Agent', context.userAgent],
    ['Accept', '*/*'],
    ['Accept-Encoding', 'gzip, deflate, br'],
  ]
  for (const [name, value] of defaults) {
    if (!has(user, name) && !disabledNames.has(name.toLowerCase())) headers.push([name, value])
  }

  if (contentType) {
    const own = user.find(([name]) => name.toLowerCase() === 'content-type')
    if (!own) headers.push(['Content-Type', contentType])
    else if (
      own[1].split(';')[0]!.trim().toLowerCase() !== contentType.split(';')[0]!.trim().toLowerCase() &&
      !contentType.startsWith('multipart/')
    ) {
      notes.push(`Your Content-Type (${own[1]}) replaces the ${contentType} Courier would set for this body.`)
    }
  }
  if (body !== null || !NO_LENGTH_WITHOUT_BODY.has(method)) headers.push(['Content-Length', String(bodySize)])

  if (headers.length > MAX_HEADER_LINES)
    throw invalid(
      'HEADERS_TOO_LARGE',
      `${headers.length} headers is more than the ${MAX_HEADER_LINES} Courier sends.`,
      'headers',
    )
  const headerBytes = headers.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0)
  if (headerBytes > MAX_HEADER_BYTES)
    throw invalid(
      'HEADERS_TOO_LARGE',
      `The headers add up to ${Math.ceil(headerBytes / 1024)} KiB, more than the 16 KiB servers accept.`,
      'headers',
    )

  return {
    method,
    url,
    headers,
    body,
    bodySize,
    bodyPreview,
    notes,
    ...(auth.digest ? { digest: auth.digest } : {}),
    ...(auth.signer ? { signer: auth.signer } : {}),
  }
}
