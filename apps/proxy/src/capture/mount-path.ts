import { CourierError } from '../errors.js'

/** The request's path after `/capture/NAME`, raw (as the client spelled it), and its query. */
export function restOf(url: string): { rest: string; query: string } {
  // An absolute-form request line (`GET http://host/capture/…`): its path is what follows the authority.
  const rawUrl = url.startsWith('/') ? url : url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '')
  const at = rawUrl.indexOf('?')
  const path = at === -1 ? rawUrl : rawUrl.slice(0, at)
  const query = at === -1 ? '' : rawUrl.slice(at)
  const segments = path.split('/')
  // ['', 'capture', NAME, ...rest]; the router matched NAME as one segment.
  const rest = segments.length > 3 ? `/${segments.slice(3).join('/')}` : ''
  return { rest, query }
}

const refused = () =>
  new CourierError(
    'URL_INVALID',
    'This path would leave the capture mount (a dot segment, an encoded slash or backslash, or a doubled slash); Courier forwards only paths under the mount.',
    { field: 'url' },
  )

/**
 * Refuses a rest path that could leave the mount's base however the upstream decodes it: `..`
 * or `.` segments in any spelling (`%2e`, backslashes), encoded slashes, `//`, control characters.
 */
export function checkRest(rest: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\x00-\x1f\x7f\\]/.test(rest) || rest.startsWith('//') || rest.includes('//')) throw refused()
  let decoded: string
  try {
    decoded = decodeURIComponent(rest)
  } catch {
    throw refused()
  }
  if (/%2f|%5c/i.test(rest) || decoded.includes('\\')) throw refused()
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) throw refused()
}

/** The mount's upstream split into its origin and its base path (no trailing slash). */
export function placeOf(upstream: string): { origin: string; basePath: string } {
  const url = new URL(upstream)
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') }
}
