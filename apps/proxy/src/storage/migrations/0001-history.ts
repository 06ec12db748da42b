import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('history')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('method', 'varchar(64)', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('error_code', 'varchar(64)')
      .addColumn('duration_ms', 'double precision', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('request_json', 'text', (c) => c.notNull())
      .addColumn('response_json', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('history_created_at').on('history').column('created_at').execute()
  },
}
