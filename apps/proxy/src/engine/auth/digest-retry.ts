import type { Pair } from '@courier/shared'
import type { ExchangeResult, OutgoingBody } from '../exchange.js'
import { digestAuthorization, pickDigestChallenge } from './digest-authorization.js'
import type { DigestCredentials } from './static-auth.js'

type Request = { method: string; url: URL; headers: Pair[]; body: OutgoingBody; digest?: DigestCredentials }

/**
 * The request that answers a Digest challenge, or null when this 401 is the final answer: no
 * Digest credentials in the Auth tab, a challenge Courier cannot answer, the person's own
 * Authorization row (theirs wins), or a different origin than the one addressed (credentials
 * never travel to another origin, like on redirects).
 */
export function digestRetry<R extends Request>(
  original: R,
  current: R,
  result: ExchangeResult,
): { request: R; note: string } | null {
  const credentials = original.digest
  if (!credentials || result.status !== 401) return null
  if (current.url.origin !== original.url.origin) return null
  if (original.headers.some(([name]) => name.toLowerCase() === 'authorization')) return null
  const replayable = current.body === null || Buffer.isBuffer(current.body)
  const challenge = pickDigestChallenge(result.headers, replayable)
  if (!challenge) return null
  const authorization = digestAuthorization({
    challenge,
    credentials,
    method: current.method,
    uri: `${current.url.pathname}${current.url.search}`,
    body: Buffer.isBuffer(current.body) ? current.body : null,
  })
  const headers: Pair[] = [
    ...current.headers.filter(([name]) => name.toLowerCase() !== 'authorization'),
    ['Authorization', authorization],
  ]
  const how = `${challenge.algorithm}${challenge.qop ? `, qop=${challenge.qop}` : ''}`
  return {
    request: { ...current, headers },
    note: `Courier answered the server's Digest challenge (${how}); the 401 is listed with the redirects.`,
  }
}
