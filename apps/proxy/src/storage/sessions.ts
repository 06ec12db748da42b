import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SessionStore } from './session-store.js'

/** How long a printed login link stays usable (once). */
export const LOGIN_TOKEN_TTL_MS = 24 * 60 * 60 * 1000
/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000
/** Last use is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 60 * 1000

/**
 * A signed-in browser: the cookie's token, the page's CSRF token derived from it, when it ends,
 * and in team mode who signed in (the user id; null for a login-link session of single-user mode).
 */
export type ActiveSession = { token: string; csrf: string; expiresAt: number; subject: string | null }

/** 256 random bits, as the 43 characters of base64url that links and cookies carry. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/
const mint = () => randomBytes(32).toString('base64url')
const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * The page's CSRF token: derived one-way from the session token, so any instance can check it
 * without storing it, and the page (which sees it) learns nothing of the HttpOnly cookie.
 */
export function csrfFor(sessionToken: string): string {
  return createHash('sha256').update(`courier-csrf\0${sessionToken}`).digest('base64url')
}

export function safeEqual(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * One-time login tokens and the sessions they start, kept in the database as SHA-256 hashes (a
 * token is looked up by its hash, so no comparison of secrets happens in JavaScript). `now` is
 * injectable for tests.
 */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh login token, usable once within LOGIN_TOKEN_TTL_MS; only its hash is stored. */
  async mintLoginToken(): Promise<string> {
    const token = mint()
    const at = this.now()
    await this.store.addLoginToken(hash(token), iso(at), iso(at + LOGIN_TOKEN_TTL_MS))
    return token
  }

  /** Spends a login token on a new session; null when it is malformed, unknown, used or expired. */
  async signIn(loginToken: string | undefined): Promise<ActiveSession | null> {
    if (!loginToken || !TOKEN_PATTERN.test(loginToken)) return null
    const at = this.now()
    if (!(await this.store.consumeLoginToken(hash(loginToken), iso(at)))) return null
    return this.start(null)
  }

  /** A new session for `subject` (team mode: the user who just proved who they are). */
  async start(subject: string | null): Promise<ActiveSession> {
    const at = this.now()
    const token = mint()
    const expiresAt = at + SESSION_IDLE_MS
    await this.store.addSession({
      token_hash: hash(token),
      subject,
      created_at: iso(at),
      last_used_at: iso(at),
      expires_at: iso(expiresAt),
    })
    void this.store.prune(iso(at)).catch(() => undefined)
    return { token, csrf: csrfFor(token), expiresAt, subject }
  }

  /** The live session a cookie names, its idle expiry pushed on (written at most hourly). */
  async resolve(sessionToken: string | undefined): Promise<ActiveSession | null> {
    if (!sessionToken || !TOKEN_PATTERN.test(sessionToken)) return null
    const at = this.now()
    const row = await this.store.findSession(hash(sessionToken), iso(at))
    if (!row) return null
    let expiresAt = Date.parse(row.expires_at)
    if (at - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      const pushed = at + SESSION_IDLE_MS
      // A failed write (a data file found damaged turns read-only) keeps the session as it was.
      const touched = await this.store.touchSession(row.token_hash, iso(at), iso(pushed)).then(
        () => true,
        () => false,
      )
      if (touched) expiresAt = pushed
    }
    return { token: sessionToken, csrf: csrfFor(sessionToken), expiresAt, subject: row.subject }
  }

  async signOut(sessionToken: string): Promise<boolean> {
    return TOKEN_PATTERN.test(sessionToken) ? this.store.removeSession(hash(sessionToken)) : false
  }
}

const iso = (ms: number) => new Date(ms).toISOString()
