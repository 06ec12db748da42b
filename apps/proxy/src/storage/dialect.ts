import { SqliteAdapter, type Kysely } from 'kysely'

/** True on SQLite, false on PostgreSQL: for the few places the two differ (full-text search). */
export function isSqlite<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter
}
