import type { HistoryQuery } from '@courier/shared'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from './schema.js'

/**
 * The sizes that choose a plan; none changes a result (history-search.test.ts runs every
 * combination with these and with small ones, so each plan is taken with little data).
 */
export const searchLimits = {
  /**
   * How many entries a filter's index is read for before the filter counts as broad. A narrow
   * filter (at most this many entries, none at all included) is answered from its index; a broad
   * one is checked on each entry walked newest first, where its entries are common enough that a
   * page fills quickly.
   */
  narrow: 2000,
  /** The most completions of a last word spelled out as terms; with more, FTS5 merges them itself. */
  completions: 24,
  /** Full-text matches read in one pass over a narrow filter's span before the rest is looked up one by one. */
  stream: 5000,
}

/** The words of a search, split the way both full-text indexes split text (letters and digits). */
export function searchWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? []
}

/** Free text → an FTS5 query: every word must appear; the last may be a prefix ("auth" finds "authorize"). */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text)
  if (words.length === 0) return null
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ')
}

/** An FTS5 query, and whether it is made of whole terms only (then FTS5 streams it and can look up one rowid cheaply). */
type Match = { query: string; whole: boolean }

/**
 * The terms of the full-text index that start with `prefix` (lower-case letters and digits), read
 * from history_fts_terms one at a time: null when there are more than searchLimits.completions. Every
 * character of a term sorts at or above "0", so the next term after `term` is the first at or
 * above `term + "0"`.
 */
async function completions(db: Kysely<Database>, prefix: string): Promise<string[] | null> {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
  const terms: string[] = []
  let from = prefix
  while (terms.length <= searchLimits.completions) {
    const { rows } = await sql<{ term: string }>`SELECT term FROM history_fts_terms
      WHERE term >= ${from} AND term < ${end} LIMIT 1`.execute(db)
    if (rows.length === 0) return terms
    terms.push(rows[0]!.term)
    from = `${rows[0]!.term}0`
  }
  return null
}

/**
 * The FTS5 query for the words of a search (null: nothing can match). A prefix query makes FTS5
 * merge the lists of every completion before yielding the first match (30 ms for a word in each
 * of a million entries), so the last word's completions are spelled out as whole terms when they
 * are few and the word is plain ASCII (whose folding to index terms is just lower-casing).
 */
async function matchOf(db: Kysely<Database>, text: string): Promise<Match | null> {
  const words = searchWords(text)
  const last = words[words.length - 1]
  if (last === undefined) return null
  if (/^[A-Za-z0-9]+$/.test(last)) {
    const terms = await completions(db, last.toLowerCase())
    if (terms?.length === 0) return null
    if (terms) {
      const head = words.slice(0, -1).map((word) => `"${word}"`)
      return { query: [...head, `(${terms.map((term) => `"${term}"`).join(' OR ')})`].join(' AND '), whole: true }
    }
  }
  return { query: ftsQuery(text)!, whole: false }
}

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

/** Captured exchanges (history_capture: person, mount, time), and text the URL contains (checked on each row). */
function captureConditions(query: HistoryQuery): { indexed: Condition[]; checked: Condition[] } {
  const indexed =
    query.capture === '*'
      ? [condition('capture', sql`IS NOT NULL`)]
      : query.capture
        ? [condition('capture', sql`= ${query.capture}`)]
        : []
  const inUrl = sql`instr(h.url, ${query.path ?? ''}) > 0`
  return { indexed, checked: query.path ? [{ indexed: inUrl, unindexed: inUrl }] : [] }
}

const and = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` AND `)

/**
 * A rowid as an SQL integer: better-sqlite3 binds a JS number as a REAL, and FTS5 then walks its
 * whole list instead of seeking to the rowid (1 ms → 33 ms for a word in each of a million entries).
 */
const rowid = (value: number) => sql`CAST(${value} AS INTEGER)`

/**
 * The rows of one page of a person's history search on SQLite (up to `limit + 1`, newest first),
 * planned so that no filter combination scans the table:
 *
 * - Each filter that has an index (method and status; the time range; the capture mount; the person, when there are
 *   words) is read from it first, up to searchLimits.narrow entries. When one is narrow, the page is drawn
 *   from its entries: those every filter keeps, then the words matched against them (one pass of
 *   the full-text index over their rowid span, then one lookup each for what that pass left).
 * - Otherwise every filter is broad: the entries are walked newest first (the full-text matches
 *   when there are words, the person's index when not) and each filter is checked on the row,
 *   where a page fills quickly. A time range that ends before many entries were made starts the
 *   walk at the newest rowid of its last hour.
 *
 * The result is the same whichever way is taken (history-search.test.ts holds every combination).
 */
export async function searchHistorySqlite<Row>(
  db: Kysely<Database>,
  user: string,
  query: HistoryQuery,
  text: string | null,
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
  const match = text ? await matchOf(db, text) : null
  if (text && !match) return []
  const owner = sql`h.user_id = ${user}`
  const older = below === null ? [] : [sql`h.rowid < ${rowid(below)}`]
  const attributes = attributeConditions(query)
  const time = timeConditions(query)
  const capture = captureConditions(query)
  const all = [...attributes, ...time, ...capture.indexed, ...capture.checked]
  const checked = and([sql`+h.user_id = ${user}`, ...all.map((c) => c.unindexed)])

  /** The rowids of the entries one index finds for `conditions`, or null when they are more than searchLimits.narrow. */
  const narrow = async (index: string, conditions: Condition[]) => {
    const { rows } = await sql<{ rowid: number }>`SELECT h.rowid AS rowid FROM history h INDEXED BY ${sql.raw(index)}
      WHERE ${and([owner, ...conditions.map((c) => c.indexed), ...older])} LIMIT ${searchLimits.narrow + 1}`.execute(db)
    return rows.length > searchLimits.narrow ? null : rows.map((row) => row.rowid)
  }
  const candidates: (number[] | null)[] = []
  if (attributes.length)
    candidates.push(await narrow(query.method ? 'history_user_method_status' : 'history_user_status', attributes))
  if (time.length) candidates.push(await narrow('history_user_created', time))
  if (capture.indexed.length) candidates.push(await narrow('history_capture', capture.indexed))
  if (match && !candidates.some((set) => set !== null)) candidates.push(await narrow('history_user', []))
  const smallest = candidates.filter((set): set is number[] => set !== null).sort((a, b) => a.length - b.length)[0]

  const rowsOf = async (rowids: number[]) =>
    rowids.length === 0
      ? []
      : (
          await sql<Row>`SELECT ${columns} FROM history h WHERE h.rowid IN (SELECT value FROM json_each(${JSON.stringify(rowids)}))
            ORDER BY h.rowid DESC`.execute(db)
        ).rows

  if (smallest) {
    if (smallest.length === 0) return []
    const { rows } = await sql<{ rowid: number }>`SELECT h.rowid AS rowid FROM history h
      WHERE h.rowid IN (SELECT value FROM json_each(${JSON.stringify(smallest)})) AND ${checked}
      ORDER BY h.rowid DESC`.execute(db)
    const kept = rows.map((row) => row.rowid)
    return rowsOf(match ? await matching(db, kept, match, take) : kept.slice(0, take))
  }

  // Every filter is broad (or there is none). A time range that ends before many entries were
  // made starts its walk at the newest rowid of its last hour (history_hours), not at the newest
  // entry: every entry inside the range is at or below it.
  let upTo = below === null ? null : below - 1
  if (query.to) {
    const { rows } = await sql<{ newest: number | null }>`SELECT max(newest) AS newest FROM history_hours
      WHERE user_id = ${user} AND hour <= substr(${new Date(query.to).toISOString()}, 1, 13)
      ${query.from ? sql`AND hour >= substr(${new Date(query.from).toISOString()}, 1, 13)` : sql``}`.execute(db)
    const newest = rows[0]?.newest ?? null
    if (newest === null) return []
    upTo = upTo === null ? newest : Math.min(upTo, newest)
  }
  if (!match) {
    const { rows } = await sql<Row>`SELECT ${columns} FROM history h INDEXED BY history_user
      WHERE ${and([owner, ...(upTo === null ? [] : [sql`h.rowid <= ${rowid(upTo)}`]), ...all.map((c) => c.unindexed)])}
      ORDER BY h.rowid DESC LIMIT ${take}`.execute(db)
    return rows
  }
  // Driven from the full-text index, newest first: FTS5 yields matches in rowid order, so LIMIT
  // stops early; CROSS JOIN keeps SQLite from turning the join around.
  const { rows } = await sql<Row>`SELECT ${columns} FROM history_fts CROSS JOIN history h ON h.rowid = history_fts.rowid
    WHERE history_fts MATCH ${match.query} ${upTo === null ? sql`` : sql`AND history_fts.rowid <= ${rowid(upTo)}`} AND ${checked}
    ORDER BY history_fts.rowid DESC LIMIT ${take}`.execute(db)
  return rows
}

/**
 * Up to `take` of `kept` (rowids, newest first) that the full-text query matches, newest first.
 * One pass reads the matches over kept's rowid span, at most searchLimits.stream of them; what lies
 * below that pass is looked up one rowid at a time (cheap for whole terms), newest first, until
 * the page is full.
 */
async function matching(db: Kysely<Database>, kept: number[], match: Match, take: number): Promise<number[]> {
  if (kept.length === 0) return []
  const ids = JSON.stringify(kept)
  const high = kept[0]!
  const low = kept[kept.length - 1]!
  const span = sql`history_fts MATCH ${match.query} AND rowid BETWEEN ${rowid(low)} AND ${rowid(high)}`
  const pass = sql`SELECT rowid AS r FROM history_fts WHERE ${span} ORDER BY rowid DESC LIMIT ${match.whole ? searchLimits.stream : -1}`
  const found = (
    await sql<{
      r: number
    }>`SELECT r FROM (${pass}) WHERE r IN (SELECT value FROM json_each(${ids})) ORDER BY r DESC LIMIT ${take}`.execute(
      db,
    )
  ).rows.map((row) => row.r)
  if (found.length === take || !match.whole) return found
  const { rows } = await sql<{
    read: number
    lowest: number | null
  }>`SELECT count(*) AS read, min(r) AS lowest FROM (${pass})`.execute(db)
  const { read, lowest } = rows[0]!
  if (read < searchLimits.stream || lowest === null) return found
  const rest = kept.filter((r) => r < lowest)
  for (let i = 0; i < rest.length && found.length < take; i += 64) {
    const chunk = JSON.stringify(rest.slice(i, i + 64))
    const hits = await sql<{ r: number }>`SELECT j.value AS r FROM json_each(${chunk}) j
      CROSS JOIN history_fts ON history_fts.rowid = j.value WHERE history_fts MATCH ${match.query}`.execute(db)
    found.push(...hits.rows.map((row) => row.r).sort((a, b) => b - a))
  }
  return found.slice(0, take)
}
