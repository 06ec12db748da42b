import type SqliteDatabase from 'better-sqlite3'

/** Statements kept per SQLite handle: more than the distinct queries Courier runs. */
const KEPT = 256

/**
 * What Kysely's SqliteDialect needs of a handle, with `prepare` remembered by SQL text: Kysely
 * prepares every query again, and preparing was the biggest single cost of a store read on a
 * send's path. A statement still busy (a streamed select being iterated) is not shared: that
 * caller gets a fresh one. Oldest out first once KEPT are held.
 */
export function withStatementCache(handle: SqliteDatabase.Database): {
  prepare(sql: string): SqliteDatabase.Statement
  close(): void
} {
  const kept = new Map<string, SqliteDatabase.Statement>()
  return {
    prepare(sql) {
      const statement = kept.get(sql)
      if (statement && !statement.busy) {
        // Most recently used last, so the oldest is the first key.
        kept.delete(sql)
        kept.set(sql, statement)
        return statement
      }
      const prepared = handle.prepare(sql)
      if (!statement) {
        kept.set(sql, prepared)
        if (kept.size > KEPT) kept.delete(kept.keys().next().value!)
      }
      return prepared
    },
    close() {
      kept.clear()
      handle.close()
    },
  }
}
