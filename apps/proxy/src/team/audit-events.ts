import type { AuditStore } from '../storage/audit-store.js'

/** A token's use is recorded once an hour at most: its first use, then the first after an hour. */
export const TOKEN_USE_INTERVAL_MS = 60 * 60 * 1000

export type SignIn = {
  /** Who signed in, or tried to (null: no account has that email). */
  userId: string | null
  /** How: a password, OpenID Connect, a one-time link. */
  method: 'password' | 'oidc' | 'link'
  ok: boolean
  /** The email typed, for a failed attempt without an account; never a password. */
  email?: string
  /** The client's socket address (never X-Forwarded-For from a peer that is not the proxy). */
  ip?: string
}

/**
 * The audit entries of people and tokens (server-wide, no workspace): the auth code calls these.
 * A workspace's admins read its members' entries with the workspace's own (storage/audit-store.ts).
 */
export class AuditEvents {
  private readonly tokenSeen = new Map<string, number>()

  constructor(
    private readonly audit: AuditStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** A sign-in, or a failed attempt: `sign-in` / `sign-in.failed`. */
  async signIn(event: SignIn): Promise<void> {
    await this.audit.append({
      userId: event.userId,
      workspaceId: null,
      action: event.ok ? 'sign-in' : 'sign-in.failed',
      target: event.userId,
      detail: {
        method: event.method,
        ...(event.ip ? { ip: event.ip } : {}),
        ...(!event.ok && event.email ? { email: event.email } : {}),
      },
      at: new Date(this.now()).toISOString(),
    })
  }

  /**
   * An API token was used: `token.use`, recorded on its first use and then at most once an hour
   * (checked in the database, so several instances record about one entry an hour, not one each
   * per request). `tokenId` is the token's row id, never the token.
   */
  async tokenUsed(token: { tokenId: string; userId: string; name?: string }): Promise<void> {
    const now = this.now()
    const seen = this.tokenSeen.get(token.tokenId)
    if (seen !== undefined && now - seen < TOKEN_USE_INTERVAL_MS) return
    const latest = await this.audit.latest('token.use', token.tokenId)
    const latestMs = latest === undefined ? undefined : Date.parse(latest)
    if (latestMs !== undefined && now - latestMs < TOKEN_USE_INTERVAL_MS) {
      this.tokenSeen.set(token.tokenId, latestMs)
      return
    }
    this.tokenSeen.set(token.tokenId, now)
    await this.audit.append({
      userId: token.userId,
      workspaceId: null,
      action: 'token.use',
      target: token.tokenId,
      detail: token.name ? { name: token.name } : {},
      at: new Date(now).toISOString(),
    })
  }
}
