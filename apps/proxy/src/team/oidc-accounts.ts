import type { Store } from '../storage/store.js'
import type { UserRow } from '../storage/user-store.js'
import type { Accounts } from './accounts.js'
import type { OidcIdentity } from './oidc-client.js'
import type { OidcSettings } from './oidc-settings.js'

export type OidcSignInOutcome =
  | { ok: true; user: UserRow; linked: boolean; created: boolean }
  | {
      ok: false
      reason: 'no-account' | 'unverified' | 'disabled' | 'linked-elsewhere'
      /** Who tried, when an account was found (for the audit log). */
      userId: string | null
      email?: string
      message: string
    }

/** `users.oidc_subject`: the issuer and the provider's `sub`, which never changes for one person. */
export const subjectKey = (identity: Pick<OidcIdentity, 'issuer' | 'subject'>) =>
  `${identity.issuer} ${identity.subject}`

/**
 * Who an OpenID Connect sign-in lets in. An identity already linked signs in as its person,
 * whatever email the provider says now. Otherwise only a verified email counts: it links the
 * identity to the existing person with that email (`courier users add`), or — when the email's
 * domain is in COURIER_OIDC_ALLOWED_DOMAINS — makes an account for it. Anyone else gets a
 * sentence, never an account; an unverified email never links.
 */
export class OidcAccounts {
  constructor(
    private readonly store: Store,
    private readonly accounts: Accounts,
    private readonly settings: Pick<OidcSettings, 'name' | 'allowedDomains'>,
  ) {}

  async signIn(identity: OidcIdentity, retried = false): Promise<OidcSignInOutcome> {
    const provider = this.settings.name
    const subject = subjectKey(identity)
    const linked = await this.store.users.bySubject(subject)
    if (linked)
      return linked.disabled_at ? this.disabled(linked) : { ok: true, user: linked, linked: false, created: false }

    const email = identity.email
    if (!email || !identity.emailVerified)
      return {
        ok: false,
        reason: 'unverified',
        userId: null,
        ...(email ? { email } : {}),
        message: email
          ? `${provider} has not confirmed that ${email} is your email address, so Courier cannot match it to an account. Confirm it at ${provider}, or ask your Courier admin.`
          : `${provider} did not tell Courier your email address, so Courier cannot match you to an account. Ask your Courier admin.`,
      }

    const existing = await this.store.users.byEmail(email)
    if (existing) {
      if (existing.disabled_at) return this.disabled(existing)
      if (
        existing.oidc_subject !== subject &&
        (existing.oidc_subject !== null || !(await this.store.users.linkSubject(existing.id, subject)))
      )
        return {
          ok: false,
          reason: 'linked-elsewhere',
          userId: existing.id,
          email,
          message: `The Courier account for ${email} already signs in with another ${provider} identity. Sign in with that one, or ask your Courier admin.`,
        }
      return { ok: true, user: { ...existing, oidc_subject: subject }, linked: true, created: false }
    }

    const domain = email.slice(email.lastIndexOf('@') + 1)
    if (!this.settings.allowedDomains.includes(domain))
      return {
        ok: false,
        reason: 'no-account',
        userId: null,
        email,
        message: `No Courier account for ${email} — ask an admin to add you (courier users add ${email}).`,
      }
    let user: UserRow
    try {
      user = await this.accounts.createPerson(email, identity.name)
    } catch (error) {
      // Another instance made this person's account a moment ago (the email is unique): sign in to it.
      if (!retried && (await this.store.users.byEmail(email))) return this.signIn(identity, true)
      throw error
    }
    if (!(await this.store.users.linkSubject(user.id, subject)))
      throw new Error(`The identity of ${email} was linked to another account while its own was being made.`)
    return { ok: true, user: { ...user, oidc_subject: subject }, linked: true, created: true }
  }

  private disabled(user: UserRow): OidcSignInOutcome {
    return {
      ok: false,
      reason: 'disabled',
      userId: user.id,
      email: user.email,
      message: `The Courier account for ${user.email} is disabled. Ask your Courier admin.`,
    }
  }
}
