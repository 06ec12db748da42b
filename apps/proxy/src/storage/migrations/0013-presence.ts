import type { Kysely, Migration } from 'kysely'

/**
 * Team mode's presence: which saved request each open page has in front, until `expires_at`
 * (pages report again every few seconds). Kept in the database, not in a process, so every
 * instance on one PostgreSQL sees the same viewers. One row per page (client id) of a person.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('presence')
      .addColumn('workspace_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('client_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('item_id', 'varchar(200)')
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('presence_pk', ['workspace_id', 'user_id', 'client_id'])
      .execute()
    await db.schema.createIndex('presence_expires_at').on('presence').column('expires_at').execute()
  },
}
