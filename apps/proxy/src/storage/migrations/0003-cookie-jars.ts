import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cookie_jars')
      .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute()
  },
}
