import { type Kysely, type Migration } from 'kysely'

/**
 * Capture mounts (issue 18): one row per mount, named server-wide (the name is the `/capture/NAME`
 * path segment), owned by the person who made it (their history records its exchanges), in a
 * workspace (whose environments it may inject from). History rows a mount recorded carry its name.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('capture_mounts')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('capture_mounts_user')
      .on('capture_mounts')
      .columns(['user_id', 'workspace_id'])
      .execute()
    await db.schema.alterTable('history').addColumn('capture', 'varchar(64)').execute()
    await db.schema.createIndex('history_capture').on('history').columns(['user_id', 'capture', 'created_at']).execute()
  },
}
