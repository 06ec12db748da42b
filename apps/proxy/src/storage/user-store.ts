import type { Kysely } from 'kysely'
import type { TeamTables } from './team-schema.js'

export type UserRow = TeamTables['users']
export type UserLinkRow = TeamTables['user_links']
export type ApiTokenRow = TeamTables['api_tokens']

/**
 * Team mode: people, their one-time links (set a password) and API tokens, on the tables of
 * migration 0011. Links and tokens are found by the SHA-256 hash of their secret only; password
 * hashes are made and checked in team/passwords.ts. Emails are kept lower-case.
 */
export interface UserStore {
  /** Throws when the email is taken (the unique index decides). */
  create(row: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at'>): Promise<UserRow>
  get(id: string): Promise<UserRow | undefined>
  byEmail(email: string): Promise<UserRow | undefined>
  /** The person linked to an OpenID Connect identity (`oidc_subject`: the issuer and the `sub`). */
  bySubject(subject: string): Promise<UserRow | undefined>
  /** Links the identity to a person not yet linked to one; false when they already are (or it is taken). */
  linkSubject(userId: string, subject: string): Promise<boolean>
  list(): Promise<UserRow[]>
  setPasswordHash(userId: string, hash: string): Promise<void>
  /** `at` disables the person (every session and token stops at once); null enables them again. */
  setDisabled(userId: string, at: string | null): Promise<boolean>
  addLink(row: Omit<UserLinkRow, 'consumed_at'>): Promise<void>
  /** The unused, unexpired link of that purpose, without spending it. */
  findLink(hash: string, purpose: UserLinkRow['purpose'], at: string): Promise<UserLinkRow | undefined>
  /** Spends an unused, unexpired link; answers it only to the one caller that got there first. */
  consumeLink(hash: string, purpose: UserLinkRow['purpose'], at: string): Promise<UserLinkRow | undefined>
  addApiToken(row: Omit<ApiTokenRow, 'last_used_at' | 'revoked_at'>): Promise<void>
  /** A token that exists and is not revoked. */
  findApiToken(hash: string): Promise<ApiTokenRow | undefined>
  touchApiToken(id: string, at: string): Promise<void>
  /** False when no unrevoked token has that id. */
  revokeApiToken(id: string, at: string): Promise<boolean>
  apiTokensOf(userId: string): Promise<ApiTokenRow[]>
  /** The oldest team (shared) workspace, if any: where `courier users add --owner` makes owners. */
  firstTeamWorkspace(): Promise<{ id: string; name: string } | undefined>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database that ran migration 0011
export function createUserStore(database: Kysely<any>): UserStore {
  const db = database as Kysely<TeamTables>
  const get = (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  const findLink = (hash: string, purpose: UserLinkRow['purpose'], at: string) =>
    db
      .selectFrom('user_links')
      .selectAll()
      .where('token_hash', '=', hash)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst()
  return {
    async create(row) {
      const user: UserRow = {
        ...row,
        email: row.email.toLowerCase(),
        password_hash: null,
        oidc_subject: null,
        disabled_at: null,
      }
      await db.insertInto('users').values(user).execute()
      return user
    },
    get,
    byEmail: (email) =>
      db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst(),
    bySubject: (subject) => db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst(),
    async linkSubject(userId, subject) {
      try {
        const result = await db
          .updateTable('users')
          .set({ oidc_subject: subject })
          .where('id', '=', userId)
          .where('oidc_subject', 'is', null)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) === 1) return true
      } catch (error) {
        // The unique index said no: another person has the identity, or another instance linked it a moment ago.
        if (!(await db.selectFrom('users').select('id').where('oidc_subject', '=', subject).executeTakeFirst()))
          throw error
      }
      // Not updated: linked already — to this identity (another instance got there first) or another.
      const holder = await db.selectFrom('users').select('id').where('oidc_subject', '=', subject).executeTakeFirst()
      return holder?.id === userId
    },
    list: () => db.selectFrom('users').selectAll().orderBy('email').execute(),
    async setPasswordHash(userId, hash) {
      await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute()
    },
    async setDisabled(userId, at) {
      const result = await db.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async addLink(row) {
      await db
        .insertInto('user_links')
        .values({ ...row, consumed_at: null })
        .execute()
    },
    findLink,
    async consumeLink(hash, purpose, at) {
      const link = await findLink(hash, purpose, at)
      if (!link) return undefined
      const result = await db
        .updateTable('user_links')
        .set({ consumed_at: at })
        .where('token_hash', '=', hash)
        .where('consumed_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1 ? link : undefined
    },
    async addApiToken(row) {
      await db
        .insertInto('api_tokens')
        .values({ ...row, last_used_at: null, revoked_at: null })
        .execute()
    },
    findApiToken: (hash) =>
      db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    async touchApiToken(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute()
    },
    async revokeApiToken(id, at) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    apiTokensOf: (userId) =>
      db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute(),
    firstTeamWorkspace: () =>
      db
        .selectFrom('workspaces')
        .select(['id', 'name'])
        .where('kind', '=', 'team')
        .orderBy('created_at')
        .orderBy('id')
        .executeTakeFirst(),
  }
}
