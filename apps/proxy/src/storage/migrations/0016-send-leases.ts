import type { Kysely, Migration } from 'kysely'

/**
 * Team mode's per-person send limits, shared by every instance on the database: one row per send,
 * a lease. `expires_at` is pushed forward while the send runs (send/user-limits.ts), so the leases
 * of an instance that crashed stop counting as "in flight" once they expire; `started_at` feeds the
 * sends-per-minute count. An index on audit_log (action, target, at) finds a token's last use.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('send_leases')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('ended_at', 'varchar(32)')
      .execute()
    await db.schema
      .createIndex('send_leases_user_started')
      .on('send_leases')
      .columns(['user_id', 'started_at'])
      .execute()
    await db.schema.createIndex('audit_log_action_target').on('audit_log').columns(['action', 'target', 'at']).execute()
  },
}
