import type { Kysely } from 'kysely'

/** Table shapes of migration 0010, kept beside the only code that reads them. */
export interface SessionTables {
  login_tokens: {
    token_hash: string
    subject: string | null
    created_at: string
    expires_at: string
    consumed_at: string | null
  }
  sessions: { token_hash: string; subject: string | null; created_at: string; last_used_at: string; expires_at: string }
}

export type SessionRow = SessionTables['sessions']

/** Login tokens and sessions by the hash of their token; times are ISO strings (they sort as text). */
export interface SessionStore {
  addLoginToken(hash: string, at: string, expiresAt: string): Promise<void>
  /** Marks an unexpired, unused login token used; true only for the one caller that got there first. */
  consumeLoginToken(hash: string, at: string): Promise<boolean>
  addSession(row: SessionRow): Promise<void>
  /** The session if it exists and has not expired at `at`. */
  findSession(hash: string, at: string): Promise<SessionRow | undefined>
  touchSession(hash: string, at: string, expiresAt: string): Promise<void>
  removeSession(hash: string): Promise<boolean>
  /** Drops expired sessions and login tokens; answers how many. */
  prune(at: string): Promise<number>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database that ran migration 0010
export function createSessionStore(database: Kysely<any>): SessionStore {
  const db = database as Kysely<SessionTables>
  return {
    async addLoginToken(hash, at, expiresAt) {
      await db
        .insertInto('login_tokens')
        .values({ token_hash: hash, subject: null, created_at: at, expires_at: expiresAt, consumed_at: null })
        .execute()
    },
    async consumeLoginToken(hash, at) {
      const result = await db
        .updateTable('login_tokens')
        .set({ consumed_at: at })
        .where('token_hash', '=', hash)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async addSession(row) {
      await db.insertInto('sessions').values(row).execute()
    },
    async findSession(hash, at) {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', hash)
        .where('expires_at', '>', at)
        .executeTakeFirst()
    },
    async touchSession(hash, at, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_used_at: at, expires_at: expiresAt })
        .where('token_hash', '=', hash)
        .execute()
    },
    async removeSession(hash) {
      const result = await db.deleteFrom('sessions').where('token_hash', '=', hash).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async prune(at) {
      const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', at).executeTakeFirst()
      const tokens = await db.deleteFrom('login_tokens').where('expires_at', '<=', at).executeTakeFirst()
      return Number(sessions.numDeletedRows) + Number(tokens.numDeletedRows)
    },
  }
}
