import { sql, type Kysely, type Migration } from 'kysely'
import { isSqlite } from '../dialect.js'

/**
 * Indexes a history search needs to answer a filter from an index instead of scanning the table
 * (issue 15): one person's entries newest first, and their method and status, so that a filter
 * matching few entries (or none) is found in the index and a filter matching many is walked in
 * order. On SQLite every index ends with the rowid, the order history is listed in; on PostgreSQL
 * the id (time-ordered UUIDv7) is that order. `history_status` (status alone) is superseded by
 * (user_id, status). On SQLite, history_fts_terms lists the full-text index's terms and history_hours
 * the newest rowid of each hour; on PostgreSQL
 * the search text's tsvector becomes a stored column with the GIN index on it.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const order = isSqlite(db) ? [] : ['id']
    await db.schema
      .createIndex('history_user')
      .on('history')
      .columns(['user_id', ...order])
      .execute()
    await db.schema
      .createIndex('history_user_method_status')
      .on('history')
      .columns(['user_id', 'method', 'status', ...order])
      .execute()
    await db.schema
      .createIndex('history_user_status')
      .on('history')
      .columns(['user_id', 'status', ...order])
      .execute()
    await db.schema.dropIndex('history_status').execute()
    // The terms of the full-text index, so a search's last word can be spelled out as the terms it
    // completes to (history-search-sqlite.ts) instead of a prefix query.
    if (isSqlite(db)) {
      await sql`CREATE VIRTUAL TABLE history_fts_terms USING fts5vocab(history_fts, instance)`.execute(db)
      // Per person and hour (the first 13 characters of created_at), the newest rowid: a time range
      // that ends long ago starts its walk there instead of at the newest entry. Kept by triggers,
      // so every way a row is written counts; a deleted row leaves a bound that is only too high.
      await sql`CREATE TABLE history_hours (user_id varchar(36) NOT NULL, hour varchar(13) NOT NULL,
        newest integer NOT NULL, PRIMARY KEY (user_id, hour)) WITHOUT ROWID`.execute(db)
      const upsert = sql`INSERT INTO history_hours (user_id, hour, newest) VALUES (NEW.user_id, substr(NEW.created_at, 1, 13), NEW.rowid)
        ON CONFLICT (user_id, hour) DO UPDATE SET newest = max(newest, excluded.newest);`
      await sql`CREATE TRIGGER history_hours_insert AFTER INSERT ON history BEGIN ${upsert} END`.execute(db)
      await sql`CREATE TRIGGER history_hours_update AFTER UPDATE OF user_id, created_at ON history BEGIN ${upsert} END`.execute(
        db,
      )
      await sql`INSERT INTO history_hours (user_id, hour, newest)
        SELECT user_id, substr(created_at, 1, 13), max(rowid) FROM history GROUP BY 1, 2`.execute(db)
      return
    }
    // The tsvector kept beside the text (computed by PostgreSQL on every write), so a search that
    // walks entries newest first checks each one without parsing its text again.
    await sql`ALTER TABLE history ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED`.execute(db)
    await sql`CREATE INDEX history_search_vector ON history USING GIN (search_vector)`.execute(db)
    await db.schema.dropIndex('history_search').execute()
  },
}
