/**
 * CORS for one mock: an origin in its list (exactly), or any origin when the list has `*` (no
 * credentials then). An origin not listed gets no CORS header at all, so the browser blocks it.
 */
export function allowedOrigin(allowed: readonly string[], origin: string | undefined): string | null {
  if (origin === undefined || origin === '') return null
  if (allowed.includes(origin)) return origin
  return allowed.includes('*') ? '*' : null
}

/** Headers that answer a preflight from `allow`: the method and headers it asked for. */
export function preflightHeaders(
  allow: string,
  requested: { method: string | undefined; headers: string | undefined },
): Record<string, string> {
  return {
    'access-control-allow-origin': allow,
    ...(requested.method ? { 'access-control-allow-methods': requested.method } : {}),
    ...(requested.headers ? { 'access-control-allow-headers': requested.headers } : {}),
    'access-control-max-age': '600',
    ...(allow === '*' ? {} : { vary: 'Origin' }),
  }
}

/** Headers of an actual answer to `allow`: the page may read every header the example sets. */
export function answerCorsHeaders(allow: string, exposed: readonly string[]): Record<string, string> {
  return {
    'access-control-allow-origin': allow,
    ...(exposed.length ? { 'access-control-expose-headers': exposed.join(', ') } : {}),
    ...(allow === '*' ? {} : { vary: 'Origin' }),
  }
}
