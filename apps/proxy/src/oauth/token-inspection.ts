import type { JwtView, OAuthCheck } from '@courier/shared'
import { sameIssuer } from './discovery.js'
import { inspectJwt, type KeySource } from './inspect-jwt.js'
import { oauthHttp, type OAuthHttpContext } from './oauth-http.js'
import type { TokenSet } from './token-response.js'

const JWKS_TTL_MS = 5 * 60_000

/** Issuers' signing keys, fetched through the engine (destination policy) and kept briefly. */
export class JwksCache {
  private readonly cache = new Map<string, { keys: KeySource; at: number }>()

  constructor(
    private readonly http: () => Promise<OAuthHttpContext>,
    private readonly now: () => number,
  ) {}

  async keysFor(jwksUri: string | null): Promise<KeySource> {
    if (!jwksUri)
      return {
        jwks: null,
        reason: 'No issuer is configured, so there are no published keys to check the signature with.',
      }
    const cached = this.cache.get(jwksUri)
    if (cached && this.now() - cached.at < JWKS_TTL_MS) return cached.keys
    let keys: KeySource
    try {
      const response = await oauthHttp({ method: 'GET', url: new URL(jwksUri) }, await this.http())
      const body = JSON.parse(response.text) as { keys?: unknown }
      keys =
        response.status === 200 && Array.isArray(body.keys)
          ? { jwks: body as { keys: [] }, uri: jwksUri }
          : { jwks: null, reason: `${jwksUri} answered ${response.status} without a key set.` }
    } catch (error) {
      keys = {
        jwks: null,
        reason: `The key set at ${jwksUri} could not be fetched: ${error instanceof Error ? error.message : String(error)}`,
      }
    }
    if (keys.jwks) this.cache.set(jwksUri, { keys, at: this.now() })
    return keys
  }
}

export type TokenInspection = {
  accessJwt: JwtView | null
  idJwt: JwtView | null
  /** The access token's own `iss` claim, when it is a JWT that has one. */
  claimedIssuer: string | null
  checks: OAuthCheck[]
}

/**
 * What the inspector shows about tokens just received: each JWT's signature against the keys,
 * the ID token's nonce against the one the flow sent, the access token's issuer against the flow's.
 */
export async function inspectTokens(
  tokens: TokenSet,
  keys: KeySource,
  expected: { nonce: string | null; issuer: string | null },
): Promise<TokenInspection> {
  const accessJwt = await inspectJwt(tokens.accessToken, keys)
  const idJwt = tokens.idToken ? await inspectJwt(tokens.idToken, keys) : null
  const checks: OAuthCheck[] = []
  if (accessJwt)
    checks.push({
      label: `Access token signature: ${accessJwt.signature.status}`,
      ok: accessJwt.signature.status !== 'invalid',
      detail: accessJwt.signature.detail,
    })
  else
    checks.push({ label: 'The access token is opaque (not a JWT)', ok: true, detail: 'Only the provider can read it.' })
  if (idJwt) {
    checks.push({
      label: `ID token signature: ${idJwt.signature.status}`,
      ok: idJwt.signature.status !== 'invalid',
      detail: idJwt.signature.detail,
    })
    if (expected.nonce) {
      const matches = idJwt.claims.nonce === expected.nonce
      checks.push({
        label: matches ? 'ID token nonce matches the request' : 'ID token nonce does not match the request',
        ok: matches,
      })
    }
  }
  const claimedIssuer = typeof accessJwt?.claims.iss === 'string' ? accessJwt.claims.iss : null
  if (expected.issuer && claimedIssuer && !sameIssuer(expected.issuer, claimedIssuer))
    checks.push({ label: `The access token names another issuer (${claimedIssuer})`, ok: false })
  return { accessJwt, idJwt, claimedIssuer, checks }
}
