import { createHash, createHmac } from 'node:crypto'
import type { Pair } from '@courier/shared'

/** What the canonical request is built from: the request exactly as it goes on the wire. */
export type SigV4Input = {
  method: string
  /** The path as written on the wire (percent-encoded by the URL parser). */
  path: string
  /** The query as written on the wire, without `?`. */
  query: string
  headers: readonly Pair[]
  /** Lower-case names of the headers to sign. */
  signedHeaders: readonly string[]
  payloadHash: string
  service: string
}

export type SigV4Scope = { amzDate: string; region: string; service: string }

/** RFC 3986 unreserved characters kept, everything else `%XX` (AWS's UriEncode). */
export function awsEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * S3 signs the path encoded once, as it is (no dot-segment or slash clean-up); every other
 * service normalizes it and encodes each already-encoded segment again (AWS SigV4 docs, "Create a
 * canonical request"; what aws4 and the AWS SDKs do).
 */
export function canonicalUri(path: string, service: string): string {
  if (path === '' || path === '/') return '/'
  if (service === 's3')
    return path
      .split('/')
      .map((piece) => awsEncode(decodeSafe(piece)))
      .join('/')
  const segments: string[] = []
  for (const piece of path.replace(/\/{2,}/g, '/').split('/')) {
    if (piece === '..') segments.pop()
    else if (piece !== '.') segments.push(awsEncode(piece))
  }
  const joined = segments.join('/')
  return joined.startsWith('/') ? joined : `/${joined}`
}

/** Every parameter decoded and encoded again the AWS way, sorted by name and then value. */
export function canonicalQuery(query: string): string {
  if (query === '') return ''
  return query
    .split('&')
    .filter((piece) => piece !== '')
    .map((piece): Pair => {
      const eq = piece.indexOf('=')
      const name = eq === -1 ? piece : piece.slice(0, eq)
      const value = eq === -1 ? '' : piece.slice(eq + 1)
      return [awsEncode(decodeSafe(name.replace(/\+/g, ' '))), awsEncode(decodeSafe(value.replace(/\+/g, ' ')))]
    })
    .filter(([name]) => name !== '')
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

/** `name:value\n` per signed header, values trimmed with inner runs of spaces collapsed, repeats joined by commas. */
function canonicalHeaders(headers: readonly Pair[], signed: readonly string[]): string {
  return signed
    .map((name) => {
      const values = headers
        .filter(([n]) => n.toLowerCase() === name)
        .map(([, value]) => value.trim().replace(/\s+/g, ' '))
      return `${name}:${values.join(',')}\n`
    })
    .join('')
}

export function canonicalRequest(input: SigV4Input): string {
  const signed = [...input.signedHeaders].sort()
  return [
    input.method,
    canonicalUri(input.path, input.service),
    canonicalQuery(input.query),
    canonicalHeaders(input.headers, signed),
    signed.join(';'),
    input.payloadHash,
  ].join('\n')
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function credentialScope({ amzDate, region, service }: SigV4Scope): string {
  return `${amzDate.slice(0, 8)}/${region}/${service}/aws4_request`
}

export function stringToSign(creq: string, scope: SigV4Scope): string {
  return ['AWS4-HMAC-SHA256', scope.amzDate, credentialScope(scope), sha256Hex(creq)].join('\n')
}

export function sigV4Signature(secretKey: string, scope: SigV4Scope, sts: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()
  const dateKey = hmac(`AWS4${secretKey}`, scope.amzDate.slice(0, 8))
  const signingKey = hmac(hmac(hmac(dateKey, scope.region), scope.service), 'aws4_request')
  return createHmac('sha256', signingKey).update(sts).digest('hex')
}

/** The Authorization header value for one request. */
export function sigV4Authorization(input: SigV4Input, accessKey: string, secretKey: string, scope: SigV4Scope): string {
  const signature = sigV4Signature(secretKey, scope, stringToSign(canonicalRequest(input), scope))
  const signed = [...input.signedHeaders].sort().join(';')
  return `AWS4-HMAC-SHA256 Credential=${accessKey}/${credentialScope(scope)}, SignedHeaders=${signed}, Signature=${signature}`
}

/** `20150830T123600Z`: the basic ISO 8601 form X-Amz-Date carries. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}
