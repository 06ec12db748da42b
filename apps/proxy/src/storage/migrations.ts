import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Numbered schema changes, run in order at start-up. Never edit a released one: add the next.
 * Written with Kysely's schema builder so SQLite and PostgreSQL share them.
 */
export const migrations: Record<string, Migration> = {
  '0001-history': {
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
  },
  '0002-settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull().defaultTo(sql`''`))
        .execute()
    },
  },
  '0003-cookie-jars': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cookie_jars')
        .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute()
    },
  },
}
