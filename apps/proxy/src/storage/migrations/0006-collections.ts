import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('collections')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .addColumn('position', 'double precision', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('collection_items')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('collection_id', 'varchar(36)', (c) => c.notNull().references('collections.id').onDelete('cascade'))
      .addColumn('parent_id', 'varchar(36)')
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('position', 'double precision', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('collection_items_collection')
      .on('collection_items')
      .columns(['collection_id', 'parent_id'])
      .execute()
  },
}
