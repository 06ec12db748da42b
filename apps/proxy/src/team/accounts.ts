import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { Store } from '../storage/store.js'
import type { UserRow } from '../storage/user-store.js'
import { AuditEvents } from './audit-events.js'
import { checkPassword, hashPassword, passwordProblem } from './passwords.js'
import type { Actor } from './scope.js'

/** How long a set-password link printed by `courier users add` stays usable (once). */
export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000
/** The shared workspace `courier users add --owner` makes when the team has none yet. */
export const TEAM_WORKSPACE_NAME = 'Team'
export const PERSONAL_WORKSPACE_NAME = 'Personal'

/** Link tokens: 256 random bits in base64url. API tokens carry a prefix so secret scanners know them. */
const LINK_PATTERN = /^[A-Za-z0-9_-]{43}$/
const API_TOKEN_PREFIX = 'courier_'
const API_TOKEN_PATTERN = /^courier_[A-Za-z0-9_-]{43}$/
const mint = () => randomBytes(32).toString('base64url')
const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex')
const iso = (ms: number) => new Date(ms).toISOString()

const EmailSchema = z.email()

export type PasswordLinkOutcome =
  { ok: true; userId: string } | { ok: false; reason: 'link' | 'password'; message: string }

export const LINK_SPENT_SENTENCE =
  'This set-password link was already used, has expired (links last 24 hours), or was mistyped. Ask your Courier admin for a fresh one (courier users link EMAIL).'

export function actorOf(user: UserRow, via: Actor['via']): Actor {
  return { userId: user.id, email: user.email, name: user.name, via }
}

/**
 * People on a team server: creating them (with their personal workspace), their one-time
 * set-password links, signing in by email and password, and API tokens. Only hashes of links and
 * tokens are stored; `now` is injectable for tests.
 */
export class Accounts {
  /** Sign-ins (and failed attempts) and token use go to the audit log from here, whoever calls. */
  private readonly events: AuditEvents

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    this.events = new AuditEvents(store.audit, now)
  }

  /**
   * `courier users add`: the person, their personal workspace, with `owner` also ownership of the
   * team's shared workspace (made, named "Team", if there is none), and a set-password token.
   */
  async addUser(input: { email: string; name?: string; owner?: boolean }) {
    const email = input.email.trim().toLowerCase()
    if (!EmailSchema.safeParse(email).success)
      throw new CourierError(
        'INVALID_REQUEST',
        `“${input.email}” is not an email address; give one like ana@example.com.`,
      )
    if (await this.store.users.byEmail(email))
      throw new CourierError(
        'INVALID_REQUEST',
        `${email} already has an account; \`courier users link ${email}\` prints a fresh set-password link.`,
      )
    const user = await this.createPerson(email, input.name)
    let team: { id: string; name: string } | undefined
    if (input.owner) {
      team = await this.store.users.firstTeamWorkspace()
      if (team) await this.store.memberships.setRole(team.id, user.id, 'owner')
      else team = await this.store.memberships.createWorkspace(TEAM_WORKSPACE_NAME, 'team', user.id)
    }
    return { user, team, passwordToken: await this.passwordLink(user.id) }
  }

  /** The person (email already checked, lower-case) with their personal workspace, and no password yet. */
  async createPerson(email: string, name?: string): Promise<UserRow> {
    const user = await this.store.users.create({
      id: newId(),
      email,
      name: name?.trim() || email.split('@')[0]!,
      created_at: iso(this.now()),
    })
    await this.store.memberships.personalOf(user.id, PERSONAL_WORKSPACE_NAME)
    return user
  }

  /** A fresh set-password token for the person, usable once within PASSWORD_LINK_TTL_MS. */
  async passwordLink(userId: string): Promise<string> {
    const token = mint()
    const at = this.now()
    await this.store.users.addLink({
      token_hash: sha256(token),
      purpose: 'password',
      user_id: userId,
      workspace_id: null,
      role: null,
      created_by: null,
      created_at: iso(at),
      expires_at: iso(at + PASSWORD_LINK_TTL_MS),
    })
    return token
  }

  /** The person a still-usable set-password token is for (the page asks before showing its form). */
  async passwordLinkUser(token: string | undefined): Promise<UserRow | null> {
    if (!token || !LINK_PATTERN.test(token)) return null
    const link = await this.store.users.findLink(sha256(token), 'password', iso(this.now()))
    return this.activeUser(link?.user_id ?? null)
  }

  /** Spends a set-password token on a new password; a refused password leaves the link usable. */
  async setPassword(token: string | undefined, password: string, confirm?: string): Promise<PasswordLinkOutcome> {
    if (!(await this.passwordLinkUser(token))) return { ok: false, reason: 'link', message: LINK_SPENT_SENTENCE }
    const problem = passwordProblem(password, confirm)
    if (problem) return { ok: false, reason: 'password', message: problem }
    const hash = await hashPassword(password)
    const link = await this.store.users.consumeLink(sha256(token!), 'password', iso(this.now()))
    if (!link?.user_id) return { ok: false, reason: 'link', message: LINK_SPENT_SENTENCE }
    await this.store.users.setPasswordHash(link.user_id, hash)
    return { ok: true, userId: link.user_id }
  }

  /** The person whose email and password these are, if active; the same cost whether or not the email exists. */
  async signIn(email: string, password: string, ip?: string): Promise<UserRow | null> {
    const user = email.length <= 320 ? await this.store.users.byEmail(email) : undefined
    const matches = await checkPassword(user?.password_hash, password.slice(0, 1024))
    const ok = matches && user !== undefined && !user.disabled_at
    await this.events.signIn({
      userId: user?.id ?? null,
      method: 'password',
      ok,
      ...(user ? {} : { email: email.slice(0, 320) }),
      ...(ip ? { ip } : {}),
    })
    return ok ? user : null
  }

  /** The person behind a session or token, unless they were disabled (which takes effect at once). */
  async activeUser(userId: string | null): Promise<UserRow | null> {
    if (!userId) return null
    const user = await this.store.users.get(userId)
    return user && !user.disabled_at ? user : null
  }

  /** `courier tokens create`: a new API token for the person; answered once, only its hash is kept. */
  async createApiToken(email: string, name?: string): Promise<{ id: string; token: string; user: UserRow }> {
    const user = await this.store.users.byEmail(email)
    if (!user) throw new CourierError('NOT_FOUND', `No account has the email ${email}; add it with courier users add.`)
    const token = API_TOKEN_PREFIX + mint()
    const id = newId()
    await this.store.users.addApiToken({
      token_hash: sha256(token),
      id,
      user_id: user.id,
      name: name?.trim() || 'CLI',
      created_at: iso(this.now()),
    })
    return { id, token, user }
  }

  async revokeApiToken(id: string): Promise<boolean> {
    return this.store.users.revokeApiToken(id, iso(this.now()))
  }

  /** The active person an API token belongs to (its last use recorded), or null for unknown, revoked or disabled. */
  async tokenUser(token: string): Promise<UserRow | null> {
    if (!API_TOKEN_PATTERN.test(token)) return null
    const row = await this.store.users.findApiToken(sha256(token))
    if (!row) return null
    const user = await this.activeUser(row.user_id)
    if (user) {
      await this.store.users.touchApiToken(row.id, iso(this.now()))
      await this.events.tokenUsed({ tokenId: row.id, userId: user.id, name: row.name })
    }
    return user
  }

  /** Disables (or with `disabled: false` enables) a person: their sessions and tokens stop working at once. */
  async setDisabled(email: string, disabled: boolean): Promise<UserRow> {
    const user = await this.store.users.byEmail(email)
    if (!user) throw new CourierError('NOT_FOUND', `No account has the email ${email}.`)
    await this.store.users.setDisabled(user.id, disabled ? iso(this.now()) : null)
    return user
  }
}
