import type { OAuth2Config, RequestSpec } from '@courier/shared'
import type { OAuthContext } from './oauth-context.js'
import { oauthError } from './oauth-error.js'
import { startFlow } from './flow-start.js'
import { ownedEnvironmentKey, type OAuthCaller } from './token-owner.js'

/** A token counts as expired this long before it does, so it never dies in flight. */
const EXPIRY_SKEW_MS = 5_000

/** One renewal at a time per token: two sends must not both spend a rotating refresh token. */
export class TokenLocks {
  private readonly locks = new Map<string, Promise<unknown>>()

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(key) ?? Promise.resolve()
    const run = before.catch(() => {}).then(work)
    this.locks.set(key, run)
    try {
      return await run
    } finally {
      if (this.locks.get(key) === run) this.locks.delete(key)
    }
  }
}

/**
 * The OAuth step of a send: the stored token as a Bearer (or custom prefix) header. An expired
 * token is refreshed first when a refresh token exists; client credentials and password grants
 * fetch a new one on their own. An expired token with no way to renew it is sent as it is —
 * testing how an API answers an expired token is a real need — and the Auth tab shows it expired.
 */
export async function authorizeSend(
  context: OAuthContext,
  locks: TokenLocks,
  spec: RequestSpec,
  environmentId: string | null | undefined,
  caller?: OAuthCaller,
): Promise<RequestSpec> {
  if (spec.auth.type !== 'oauth2') return spec
  const config = spec.auth.config
  // The sender's own token (team mode: per person).
  const environmentKey = ownedEnvironmentKey(caller, environmentId)
  const tokenKey = config.tokenKey.trim() || 'default'
  const token = await locks.run(`${environmentKey}\u0000${tokenKey}`, async () => {
    const stored = await context.vault.get(environmentKey, tokenKey)
    const expired = stored?.expiresAt ? Date.parse(stored.expiresAt) - EXPIRY_SKEW_MS <= context.now() : false
    if (stored && !(expired && config.autoRefresh)) return stored
    const renew: OAuth2Config['grant'] | null = stored?.refreshToken
      ? 'refresh_token'
      : config.grant === 'client_credentials' || config.grant === 'password'
        ? config.grant
        : null
    if (!renew) {
      if (stored) return stored
      throw oauthError(
        'OAUTH_TOKEN_MISSING',
        'token',
        `There is no OAuth 2 token under "${tokenKey}"${environmentKey === 'default' ? '' : ' for this environment'} yet: choose Get new access token in the Auth tab.`,
      )
    }
    const { view } = await startFlow(context, config, environmentId, renew, caller)
    if (view.status !== 'completed') {
      const what =
        renew === 'refresh_token' ? 'Refreshing the expired OAuth 2 token failed' : 'Getting an OAuth 2 token failed'
      throw oauthError(
        view.error?.code ?? 'OAUTH_TOKEN_EXCHANGE_FAILED',
        view.error?.step ?? 'token',
        `${what}: ${view.error?.message ?? 'no token came back'}`,
      )
    }
    return (await context.vault.get(environmentKey, tokenKey))!
  })
  return { ...spec, auth: { type: 'bearer', token: token.accessToken, prefix: config.headerPrefix } }
}
