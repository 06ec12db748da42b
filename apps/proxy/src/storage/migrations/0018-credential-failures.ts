import type { Kysely, Migration } from 'kysely'

/**
 * The failure limiter's count in the database (plugins/failure-limiter.ts), so every instance of a
 * team server counts the same failed credentials per client address: one row per failure, pruned
 * once older than the limiter's minute.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('credential_failures')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('client', 'varchar(64)', (c) => c.notNull())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('credential_failures_client_at')
      .on('credential_failures')
      .columns(['client', 'at'])
      .execute()
    await db.schema.createIndex('credential_failures_at').on('credential_failures').column('at').execute()
  },
}
