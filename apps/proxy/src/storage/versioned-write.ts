import type { UpdateResult } from 'kysely'

/**
 * Whether an `UPDATE … WHERE id = ? AND version = ?` changed the row. The affected-row count is
 * the only decider of who won: reading the version first and checking it is only a fast path, as
 * two writers can both pass that check before either writes (issue 10 item 8). The update runs as
 * one statement outside a read transaction, so PostgreSQL re-checks the version under the row lock
 * and SQLite never tries to upgrade a stale read snapshot (SQLITE_BUSY_SNAPSHOT).
 */
export function changedOneRow(result: UpdateResult): boolean {
  return Number(result.numUpdatedRows) === 1
}
