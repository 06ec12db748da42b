import { sql, type Kysely, type Migration } from 'kysely'
import { isSqlite } from '../dialect.js'

/**
 * Team mode keeps response bodies and uploaded files in the database, so every instance reads
 * what any wrote (storage/database-blobs.ts): a `blobs` row per write (its sealed header, whether
 * it is complete) and its sealed chunks in `blob_chunks`, 1 MiB of plain bytes per row, keyed by
 * blob and sequence. Removing a blob removes its chunks (cascade).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = isSqlite(db) ? 'blob' : 'bytea'
    await db.schema
      .createTable('blobs')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(8)', (c) => c.notNull())
      .addColumn('owner_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('header', bytes, (c) => c.notNull())
      .addColumn('complete', 'integer', (c) => c.notNull())
      .addColumn('plain_size', 'bigint')
      .addColumn('sealed_size', 'bigint')
      .addColumn('written_at', 'varchar(32)', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('blobs_owner').on('blobs').columns(['kind', 'owner_id', 'complete']).execute()
    await db.schema
      .createTable('blob_chunks')
      .addColumn('blob_id', 'varchar(36)', (c) => c.notNull().references('blobs.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_chunks_pk', ['blob_id', 'seq'])
      .execute()
    // Sealed bytes do not compress: PostgreSQL stores them out of line as they are.
    if (!isSqlite(db)) await sql`ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL`.execute(db)
  },
}
