import { createHash, createHmac, createSign } from 'node:crypto'
import type { OAuth1SignatureMethod, Pair } from '@courier/shared'

/** RFC 5849 §3.6: every octet but ALPHA, DIGIT, `-._~` is percent-encoded, in UTF-8. */
export function oauthEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** RFC 5849 §3.4.1.2: scheme and host lower-case, the default port left out, the path as sent, no query. */
export function oauthBaseUri(url: URL): string {
  const defaultPort =
    (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')
  const host = url.hostname.toLowerCase() + (url.port === '' || defaultPort ? '' : `:${url.port}`)
  return `${url.protocol.toLowerCase()}//${host}${url.pathname === '' ? '/' : url.pathname}`
}

/** RFC 5849 §3.4.1.3.2: each name and value encoded, sorted by name then value, joined with `&`. */
export function normalizeOAuthParams(params: readonly Pair[]): string {
  return params
    .filter(([name]) => name !== 'oauth_signature' && name !== 'realm')
    .map(([name, value]): Pair => [oauthEncode(name), oauthEncode(value)])
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

/** RFC 5849 §3.4.1: METHOD & base URI & parameters, each encoded. */
export function oauthBaseString(method: string, url: URL, params: readonly Pair[]): string {
  return [method.toUpperCase(), oauthBaseUri(url), normalizeOAuthParams(params)].map(oauthEncode).join('&')
}

export type OAuthSecrets = { consumerSecret: string; tokenSecret: string; privateKey: string }

const HMAC: Partial<Record<OAuth1SignatureMethod, string>> = {
  'HMAC-SHA1': 'sha1',
  'HMAC-SHA256': 'sha256',
  'HMAC-SHA512': 'sha512',
}
const RSA: Partial<Record<OAuth1SignatureMethod, string>> = {
  'RSA-SHA1': 'RSA-SHA1',
  'RSA-SHA256': 'RSA-SHA256',
  'RSA-SHA512': 'RSA-SHA512',
}

/** RFC 5849 §3.4.2–3.4.4 (HMAC-SHA256/512 as Postman offers them). Throws on an unreadable RSA key. */
export function oauthSignature(method: OAuth1SignatureMethod, baseString: string, secrets: OAuthSecrets): string {
  const key = `${oauthEncode(secrets.consumerSecret)}&${oauthEncode(secrets.tokenSecret)}`
  if (method === 'PLAINTEXT') return key
  const hmac = HMAC[method]
  if (hmac) return createHmac(hmac, key).update(baseString).digest('base64')
  return createSign(RSA[method]!).update(baseString).sign(secrets.privateKey, 'base64')
}

/** The hash `oauth_body_hash` uses: the signature method's own (none for PLAINTEXT). */
export function bodyHashAlgorithm(method: OAuth1SignatureMethod): string | null {
  if (method === 'PLAINTEXT') return null
  return method.endsWith('SHA1') ? 'sha1' : method.endsWith('SHA256') ? 'sha256' : 'sha512'
}

export function oauthBodyHash(algorithm: string, body: Buffer): string {
  return createHash(algorithm).update(body).digest('base64')
}

/** `OAuth realm="…",oauth_consumer_key="…",…` with every value encoded (§3.5.1), joined as Postman joins them. */
export function oauthAuthorizationHeader(realm: string, params: readonly Pair[]): string {
  const pieces = [
    ...(realm.trim() === '' ? [] : [`realm="${oauthEncode(realm.trim())}"`]),
    ...params.map(([name, value]) => `${oauthEncode(name)}="${oauthEncode(value)}"`),
  ]
  return `OAuth ${pieces.join(',')}`
}
