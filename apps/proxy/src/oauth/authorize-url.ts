import type { Pair } from '@courier/shared'

/** Set by Courier for the flow's safety; an extra parameter cannot replace them. */
export const RESERVED_AUTHORIZE_PARAMS = new Set([
  'state',
  'code_challenge',
  'code_challenge_method',
  'redirect_uri',
  'client_id',
])

/**
 * The authorization request URL: the endpoint's own query kept, Courier's parameters added,
 * then the config's extra parameters (which replace Courier's, except the reserved ones).
 * Answers the parameters in order too, for the inspector, and the extras that were ignored.
 */
export function authorizeUrl(
  endpoint: URL,
  ours: readonly Pair[],
  extras: readonly Pair[],
): { url: URL; params: Pair[]; ignored: string[] } {
  const params: Pair[] = ours.filter(([, value]) => value !== '')
  const ignored: string[] = []
  for (const [name, value] of extras) {
    if (name.trim() === '') continue
    if (RESERVED_AUTHORIZE_PARAMS.has(name)) {
      ignored.push(name)
      continue
    }
    const at = params.findIndex(([n]) => n === name)
    if (at === -1) params.push([name, value])
    else params[at] = [name, value]
  }
  const url = new URL(endpoint.href)
  for (const [name, value] of params) url.searchParams.append(name, value)
  return { url, params, ignored }
}
