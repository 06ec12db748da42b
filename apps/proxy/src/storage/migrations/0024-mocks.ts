import { type Kysely, type Migration } from 'kysely'

/**
 * Mock servers (issue 18): one row per mock in its workspace (the id is its stable URL), and the
 * calls it received, newest kept (the log is trimmed as it grows).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mocks')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('mocks_workspace').on('mocks').columns(['workspace_id']).execute()
    await db.schema
      .createTable('mock_calls')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('mock_id', 'varchar(36)', (c) => c.notNull().references('mocks.id').onDelete('cascade'))
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('mock_calls_mock_at').on('mock_calls').columns(['mock_id', 'at']).execute()
  },
}
