import type { HistoryQuery } from '@courier/shared'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from './schema.js'

/**
 * How many entries a filter's index is read for before the filter counts as broad. A narrow
 * filter (at most this many entries, none at all included) is answered from its index; a broad
 * one is checked on each entry walked newest first, where its entries are common enough that a
 * page fills quickly.
 */
export const NARROW_LIMIT = 2000

/** One condition on `h` (the history table), written with and without the index it may use. */
type Condition = { indexed: RawBuilder<unknown>; unindexed: RawBuilder<unknown> }

function condition(column: string, rest: RawBuilder<unknown>): Condition {
  return { indexed: sql`${sql.raw(`h.${column}`)} ${rest}`, unindexed: sql`${sql.raw(`+h.${column}`)} ${rest}` }
}

/** Method and status: both columns of history_user_method_status, status alone of history_user_status. */
function attributeConditions(query: HistoryQuery): Condition[] {
  const conditions: Condition[] = []
  if (query.method) conditions.push(condition('method', sql`= ${query.method}`))
  if (query.status === 'error') conditions.push(condition('status', sql`IS NULL`))
  else if (query.status?.endsWith('xx')) {
    const base = Number(query.status[0]) * 100
    conditions.push(condition('status', sql`>= ${base}`), condition('status', sql`< ${base + 100}`))
  } else if (query.status) conditions.push(condition('status', sql`= ${Number(query.status)}`))
  return conditions
}

function timeConditions(query: HistoryQuery): Condition[] {
  const conditions: Condition[] = []
  if (query.from) conditions.push(condition('created_at', sql`>= ${new Date(query.from).toISOString()}`))
  if (query.to) conditions.push(condition('created_at', sql`<= ${new Date(query.to).toISOString()}`))
  return conditions
}

const and = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` AND `)

/**
 * The rows of one page of a person's history search on SQLite (up to `limit + 1`, newest first),
 * planned so that no filter combination scans the table:
 *
 * - Each filter that has an index (method and status; the time range) is read from it first,
 *   up to NARROW_LIMIT entries. When one is narrow, the page is drawn from its entries only, and
 *   the words are matched against them in one pass of the full-text index over their rowid span.
 * - Otherwise every filter is broad: the entries are walked newest first (the full-text matches
 *   when there are words, the person's index when not) and each filter is checked on the row.
 *   A time range that ends long ago first finds the newest rowid inside it, so the walk starts there.
 *
 * `match` is the FTS5 query of the words (null: no words). The result is the same whichever way is taken.
 */
export async function searchHistorySqlite<Row>(
  db: Kysely<Database>,
  user: string,
  query: HistoryQuery,
  match: string | null,
  columns: RawBuilder<unknown>,
): Promise<Row[]> {
  const take = query.limit + 1
  let below: number | null = null
  if (query.before) {
    const cursor = await sql<{ rowid: number }>`SELECT rowid FROM history WHERE id = ${query.before}`.execute(db)
    // An entry deleted since its page was shown: nothing is older than an unknown cursor.
    if (cursor.rows.length === 0) return []
    below = cursor.rows[0]!.rowid
  }
  const owner = sql`h.user_id = ${user}`
  const older = below === null ? [] : [sql`h.rowid < ${below}`]
  const attributes = attributeConditions(query)
  const time = timeConditions(query)
  const all = [...attributes, ...time]

  /** The rowids of the entries one index finds for `conditions`, or null when they are more than NARROW_LIMIT. */
  const narrow = async (index: string, conditions: Condition[]) => {
    const { rows } = await sql<{ rowid: number }>`SELECT h.rowid AS rowid FROM history h INDEXED BY ${sql.raw(index)}
      WHERE ${and([owner, ...conditions.map((c) => c.indexed), ...older])} LIMIT ${NARROW_LIMIT + 1}`.execute(db)
    return rows.length > NARROW_LIMIT ? null : rows.map((row) => row.rowid)
  }
  const candidates: (number[] | null)[] = []
  if (attributes.length)
    candidates.push(await narrow(query.method ? 'history_user_method_status' : 'history_user_status', attributes))
  if (time.length) candidates.push(await narrow('history_user_created', time))
  const sets = candidates.filter((set): set is number[] => set !== null).sort((a, b) => a.length - b.length)
  const smallest = sets[0]

  if (smallest) {
    if (smallest.length === 0) return []
    const ids = JSON.stringify(smallest)
    if (!match) {
      const { rows } = await sql<Row>`SELECT ${columns} FROM history h
        WHERE h.rowid IN (SELECT value FROM json_each(${ids})) AND ${and(all.map((c) => c.unindexed))}
        ORDER BY h.rowid DESC LIMIT ${take}`.execute(db)
      return rows
    }
    const low = Math.min(...smallest)
    const high = Math.max(...smallest)
    const { rows } =
      await sql<Row>`SELECT ${columns} FROM history_fts CROSS JOIN history h ON h.rowid = history_fts.rowid
      WHERE history_fts MATCH ${match} AND history_fts.rowid BETWEEN ${low} AND ${high}
        AND +history_fts.rowid IN (SELECT value FROM json_each(${ids})) AND ${and(all.map((c) => c.unindexed))}
      ORDER BY history_fts.rowid DESC LIMIT ${take}`.execute(db)
    return rows
  }

  // Every filter is broad (or there is none). A time range that ends before many entries were
  // made: start the walk at the newest entry inside it rather than at the newest entry.
  let upTo = below === null ? null : below - 1
  if (query.to && time.length) {
    const later = await narrow('history_user_created', [
      condition('created_at', sql`> ${new Date(query.to).toISOString()}`),
    ])
    if (later === null) {
      const { rows } = await sql<{
        newest: number | null
      }>`SELECT max(h.rowid) AS newest FROM history h INDEXED BY history_user_created
        WHERE ${and([owner, ...time.map((c) => c.indexed), ...older])}`.execute(db)
      const newest = rows[0]?.newest ?? null
      if (newest === null) return []
      upTo = newest
    }
  }
  const bound = upTo === null ? [] : [upTo]
  if (!match) {
    const { rows } = await sql<Row>`SELECT ${columns} FROM history h INDEXED BY history_user
      WHERE ${and([owner, ...bound.map((r) => sql`h.rowid <= ${r}`), ...all.map((c) => c.unindexed)])}
      ORDER BY h.rowid DESC LIMIT ${take}`.execute(db)
    return rows
  }
  // Driven from the full-text index, newest first: FTS5 yields matches in rowid order, so LIMIT
  // stops early; CROSS JOIN keeps SQLite from turning the join around.
  const { rows } = await sql<Row>`SELECT ${columns} FROM history_fts CROSS JOIN history h ON h.rowid = history_fts.rowid
    WHERE ${and([
      sql`history_fts MATCH ${match}`,
      ...bound.map((r) => sql`history_fts.rowid <= ${r}`),
      sql`+h.user_id = ${user}`,
      ...all.map((c) => c.unindexed),
    ])}
    ORDER BY history_fts.rowid DESC LIMIT ${take}`.execute(db)
  return rows
}
