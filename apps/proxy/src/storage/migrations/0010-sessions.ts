import type { Kysely, Migration } from 'kysely'

/**
 * Browser sign-in: one-time login tokens (the link `courier serve` and `courier open` print) and
 * the sessions they start. Only SHA-256 hashes of either token are stored, so a copy of the
 * database signs nobody in; everything lives here, not in a process, so a restart keeps the page
 * signed in and several instances on one PostgreSQL share it. `subject` is for accounts later.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('login_tokens')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('subject', 'varchar(200)')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('consumed_at', 'varchar(32)')
      .execute()
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('subject', 'varchar(200)')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('last_used_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('login_tokens_expires_at').on('login_tokens').column('expires_at').execute()
    await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute()
  },
}
