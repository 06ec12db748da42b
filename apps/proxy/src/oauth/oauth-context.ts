import { setTimeout as sleep } from 'node:timers/promises'
import type { OAuth2Config, OAuthMetadata } from '@courier/shared'
import type { SecretBox } from '../secrets/secret-box.js'
import { FlowRecords } from './flow-record.js'
import type { OAuthHttpContext } from './oauth-http.js'
import type { OAuthStore } from '../storage/oauth-store.js'
import { JwksCache } from './token-inspection.js'
import { TokenVault } from './token-vault.js'
import type { OAuthCaller } from './token-owner.js'

export type OAuthServiceOptions = {
  store: OAuthStore
  secrets: SecretBox
  /** The engine's policy, limits and TLS rules as they are now (Settings may change them). */
  http: () => Promise<OAuthHttpContext>
  /** Courier's own callback URL: `http://127.0.0.1:<port>/oauth/callback`. */
  defaultRedirectUri: () => string
  /** Origins Courier answers on, to tell whether a redirect URI is one it captures itself. */
  ownOrigins: () => ReadonlySet<string>
  /** Resolves `{{variables}}` in a config the way a send does. */
  resolveConfig: (
    config: OAuth2Config,
    environmentId: string | null | undefined,
    caller?: OAuthCaller,
  ) => Promise<OAuth2Config>
  now?: () => number
  /** Waits between device polls; tests make it instant. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>
}

/** What the start, finish and renew halves of the OAuth service share. */
export type OAuthContext = {
  options: OAuthServiceOptions
  flows: FlowRecords
  vault: TokenVault
  jwks: JwksCache
  /** Running device polls by flow id. */
  pollers: Map<string, AbortController>
  /** Discovered metadata by issuer, with when it was fetched. */
  discoveries: Map<string, { metadata: OAuthMetadata; at: number }>
  now: () => number
  wait: (ms: number, signal: AbortSignal) => Promise<void>
  /** The time `offsetMs` from now, as an ISO string. */
  iso: (offsetMs?: number) => string
}

export function oauthContext(options: OAuthServiceOptions): OAuthContext {
  const now = options.now ?? (() => Date.now())
  return {
    options,
    flows: new FlowRecords(options.store, options.secrets),
    vault: new TokenVault(options.store, options.secrets),
    jwks: new JwksCache(options.http, now),
    pollers: new Map(),
    discoveries: new Map(),
    now,
    wait: options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal })),
    iso: (offsetMs = 0) => new Date(now() + offsetMs).toISOString(),
  }
}
