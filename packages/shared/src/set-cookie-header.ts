import type { Pair } from './request-spec.js'
import type { SetCookie } from './response-record.js'

/**
 * One `Set-Cookie` header value as the RFC 6265 §5.2 algorithm reads it: name=value, then
 * attributes case-insensitively, the last of each kind winning. Returns null for a header with
 * no `=` in its first part, which a user agent ignores.
 */
export function parseSetCookie(header: string): SetCookie | null {
  const [pair = '', ...attributes] = header.split(';')
  const eq = pair.indexOf('=')
  if (eq === -1) return null
  const name = pair.slice(0, eq).trim()
  const value = pair.slice(eq + 1).trim()
  if (name === '' && value === '') return null
  const cookie: SetCookie = { name, value, secure: false, httpOnly: false }
  for (const attribute of attributes) {
    const at = attribute.indexOf('=')
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase()
    const raw = at === -1 ? '' : attribute.slice(at + 1).trim()
    if (key === 'domain' && raw) cookie.domain = raw.replace(/^\./, '').toLowerCase()
    else if (key === 'path' && raw.startsWith('/')) cookie.path = raw
    else if (key === 'expires' && !Number.isNaN(Date.parse(raw)))
      cookie.expires = new Date(Date.parse(raw)).toISOString()
    else if (key === 'max-age' && /^-?\d+$/.test(raw)) cookie.maxAge = Number(raw)
    else if (key === 'secure') cookie.secure = true
    else if (key === 'httponly') cookie.httpOnly = true
    else if (key === 'samesite' && raw) cookie.sameSite = raw[0]!.toUpperCase() + raw.slice(1).toLowerCase()
  }
  return cookie
}

/** Every cookie a response set, in header order. */
export function cookiesFromHeaders(headers: Pair[]): SetCookie[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'set-cookie')
    .map(([, value]) => parseSetCookie(value))
    .filter((cookie): cookie is SetCookie => cookie !== null)
}
