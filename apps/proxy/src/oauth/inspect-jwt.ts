import type { JwtView } from '@courier/shared'
import type { JSONWebKeySet } from 'jose'
import { lazy } from '../lazy.js'

/** Loaded when a token is first inspected, not at start. */
const jose = lazy(() => import('jose'))

/** Where the signing keys came from, or why there are none. */
export type KeySource = { jwks: JSONWebKeySet; uri: string } | { jwks: null; reason: string }

/**
 * Decodes a JWT's header and claims and checks its signature against the issuer's JWKS (jose).
 * Only the signature is judged here: an expired token still shows as correctly signed, and its
 * expiry is shown beside it. Opaque (non-JWT) tokens give null.
 */
export async function inspectJwt(token: string, keys: KeySource): Promise<JwtView | null> {
  const { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader } = await jose()
  let header: Record<string, unknown>
  let claims: Record<string, unknown>
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>
    claims = decodeJwt(token) as Record<string, unknown>
  } catch {
    return null
  }
  const alg = typeof header.alg === 'string' ? header.alg : 'none'
  if (alg === 'none')
    return {
      header,
      claims,
      signature: { status: 'invalid', detail: 'The token is unsigned (alg "none"); nothing vouches for its claims.' },
    }
  if (alg.startsWith('HS'))
    return {
      header,
      claims,
      signature: {
        status: 'unavailable',
        detail: `Signed with a shared secret (${alg}); only the provider can check it.`,
      },
    }
  if (!keys.jwks) return { header, claims, signature: { status: 'unavailable', detail: keys.reason } }
  try {
    const { protectedHeader } = await compactVerify(token, createLocalJWKSet(keys.jwks))
    const kid = typeof protectedHeader.kid === 'string' ? ` (key ${protectedHeader.kid})` : ''
    return {
      header,
      claims,
      signature: {
        status: 'verified',
        detail: `Signature verified with the issuer's JWKS${kid}, ${protectedHeader.alg}, from ${keys.uri}.`,
      },
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { header, claims, signature: { status: 'invalid', detail: `Not verified against ${keys.uri}: ${message}` } }
  }
}
