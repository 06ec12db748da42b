import { sql, type Kysely, type Migration } from 'kysely'
import { isSqlite } from '../dialect.js'

/**
 * Full-text search over history: URL, request and the first part of the response body.
 * SQLite: a contentless FTS5 table keyed by the history row's rowid (deletes allowed).
 * PostgreSQL: a text column with a GIN index on its tsvector.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (isSqlite(db)) {
      await sql`CREATE VIRTUAL TABLE history_fts USING fts5(url, body, content='', contentless_delete=1, tokenize='unicode61')`.execute(
        db,
      )
    } else {
      await db.schema.alterTable('history').addColumn('search_text', 'text').execute()
      await sql`CREATE INDEX history_search ON history USING GIN (to_tsvector('simple', coalesce(search_text, '')))`.execute(
        db,
      )
    }
    await db.schema.createIndex('history_status').on('history').column('status').execute()
  },
}
