import { CAPTURE_PREFIX } from '@courier/shared'
import { isCourierSessionCookie } from './upstream-headers.js'

type Headers = Record<string, string | string[] | undefined>

/** Hop-by-hop headers (RFC 9110 §7.6.1): about the upstream's connection, never passed on to the client's. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
])

/** Where a mount is served and where it forwards to: what maps upstream paths back onto Courier's. */
export type MountPlace = { name: string; upstreamOrigin: string; basePath: string }

/** An upstream path (under the mount's base path) as Courier serves it: `/capture/NAME/…`. */
export function capturedPath(path: string, place: MountPlace): string | undefined {
  if (place.basePath && path !== place.basePath && !path.startsWith(`${place.basePath}/`)) return undefined
  const rest = path.slice(place.basePath.length)
  return `${CAPTURE_PREFIX}/${place.name}${rest.startsWith('/') ? rest : `/${rest}`}`
}

/**
 * One Set-Cookie for the page: scoped to the mount's path (Path=/capture/NAME/<its path>), no
 * Domain (it is Courier's host now). A cookie named like Courier's session cookie is dropped: a
 * captured API must never set or shadow Courier's own session.
 */
export function rewriteSetCookie(line: string, place: MountPlace, sessionCookie: string): string | undefined {
  const [pair = '', ...attributes] = line.split(';')
  const eq = pair.indexOf('=')
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim()
  if (eq === -1 || isCourierSessionCookie(name, sessionCookie)) return undefined
  let path = '/'
  const kept: string[] = []
  for (const attribute of attributes) {
    const key = attribute.split('=')[0]!.trim().toLowerCase()
    if (key === 'domain') continue
    if (key === 'path') {
      const value = attribute.slice(attribute.indexOf('=') + 1).trim()
      if (value.startsWith('/')) path = value
      continue
    }
    if (attribute.trim()) kept.push(attribute.trim())
  }
  const mapped = capturedPath(path, place) ?? `${CAPTURE_PREFIX}/${place.name}/`
  return [pair.trim(), `Path=${mapped}`, ...kept].join('; ')
}

/** A Location that points into the upstream, pointed at the mount instead. */
export function rewriteLocation(location: string, place: MountPlace): string {
  if (location.startsWith('/') && !location.startsWith('//')) {
    const [path = '', ...query] = location.split('?')
    const mapped = capturedPath(path, place)
    return mapped ? [mapped, ...query].join('?') : location
  }
  try {
    const url = new URL(location)
    if (url.origin !== place.upstreamOrigin) return location
    const mapped = capturedPath(url.pathname, place)
    return mapped ? `${mapped}${url.search}${url.hash}` : location
  } catch {
    return location
  }
}

/** Names of answer headers a page may read through CORS: the upstream's own, less what CORS never exposes. */
function exposable(headers: Headers): string[] {
  return Object.keys(headers).filter((name) => name !== 'set-cookie' && name !== 'set-cookie2')
}

/**
 * The upstream's answer headers as Courier serves them on its own origin: its Access-Control-*
 * dropped and Courier's CORS answer for the allowed Origin in their place, Set-Cookie and Location
 * mapped onto the mount, and `Content-Security-Policy: sandbox` plus nosniff, so an HTML answer
 * runs in an opaque origin whose script cannot call Courier's API.
 */
export function answerHeaders(
  upstream: Headers,
  place: MountPlace,
  origin: string | undefined,
  sessionCookie: string,
): Headers {
  const out: Headers = {}
  const named = String(upstream.connection ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined) continue
    const lower = name.toLowerCase()
    if (HOP_BY_HOP.has(lower) || named.includes(lower) || lower.startsWith('access-control-')) continue
    if (lower === 'set-cookie') {
      const lines = (Array.isArray(value) ? value : [value])
        .map((line) => rewriteSetCookie(line, place, sessionCookie))
        .filter((line): line is string => line !== undefined)
      if (lines.length) out['set-cookie'] = lines
      continue
    }
    if (lower === 'location' && typeof value === 'string') {
      out.location = rewriteLocation(value, place)
      continue
    }
    out[lower] = value
  }
  if (origin !== undefined) {
    const names = exposable(out)
    out['access-control-allow-origin'] = origin
    out['access-control-allow-credentials'] = 'true'
    if (names.length) out['access-control-expose-headers'] = names.join(', ')
  }
  // The answer differs by Origin (CORS headers or none): caches must keep them apart.
  const vary = out.vary
  out.vary = vary ? `${Array.isArray(vary) ? vary.join(', ') : vary}, Origin` : 'Origin'
  const policy = out['content-security-policy']
  out['content-security-policy'] = [
    ...(policy === undefined ? [] : Array.isArray(policy) ? policy : [policy]),
    'sandbox',
  ]
  out['x-content-type-options'] = 'nosniff'
  return out
}
