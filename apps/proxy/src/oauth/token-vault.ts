import type { JwtView, OAuth2Config, OAuthTokenView } from '@courier/shared'
import type { SecretBox } from '../secrets/secret-box.js'
import { maskToken } from './inspector-mask.js'
import type { OAuthStore } from '../storage/oauth-store.js'
import type { TokenSet } from './token-response.js'

/** A token set as kept at rest (sealed as a whole), with what was learnt about it. */
export type StoredToken = TokenSet & {
  grant: OAuth2Config['grant']
  issuer: string | null
  refreshedAt: string | null
  accessJwt: JwtView | null
  idJwt: JwtView | null
}

/** Token sets per environment and token key, sealed with SecretBox (docs/security.md#secrets-at-rest). */
export class TokenVault {
  constructor(
    private readonly store: OAuthStore,
    private readonly box: SecretBox,
  ) {}

  async get(environmentKey: string, tokenKey: string): Promise<StoredToken | null> {
    const sealed = await this.store.getToken(environmentKey, tokenKey)
    if (!sealed) return null
    try {
      return JSON.parse(this.box.open(sealed)) as StoredToken
    } catch {
      // Sealed with another key (COURIER_SECRET_KEY changed): as good as no token.
      return null
    }
  }

  async put(environmentKey: string, tokenKey: string, token: StoredToken): Promise<void> {
    await this.store.putToken(environmentKey, tokenKey, this.box.seal(JSON.stringify(token)))
  }

  async remove(environmentKey: string, tokenKey: string): Promise<boolean> {
    return this.store.deleteToken(environmentKey, tokenKey)
  }
}

/** What the browser may see of a stored token: the token itself only by its ends. */
export function tokenView(environmentKey: string, tokenKey: string, token: StoredToken): OAuthTokenView {
  return {
    environmentKey,
    tokenKey,
    grant: token.grant,
    tokenType: token.tokenType,
    accessToken: maskToken(token.accessToken),
    scope: token.scope,
    issuer: token.issuer,
    obtainedAt: token.obtainedAt,
    expiresAt: token.expiresAt,
    hasRefreshToken: token.refreshToken !== null,
    refreshedAt: token.refreshedAt,
    accessJwt: token.accessJwt,
    idJwt: token.idJwt,
  }
}
