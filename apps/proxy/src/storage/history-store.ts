import {
  HistoryEntrySchema,
  HistorySummarySchema,
  realtimeKindOfHistoryMethod,
  type HistoryEntry,
  type HistoryPage,
  type HistoryQuery,
  type HistorySummary,
} from '@courier/shared'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { HistoryRetention, HistoryStore } from './store.js'
import type { Database, HistoryTable } from './schema.js'
import { LOCAL_USER_ID } from './migrations/0011-team.js'
import { isSqlite } from './dialect.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { openInlineBody } from './sealed-inline.js'
import { groupCommitOf, historyAppend } from './history-append.js'
import { searchHistorySqlite, searchWords } from './history-search-sqlite.js'

export { ftsQuery } from './history-search-sqlite.js'

const SUMMARY_COLUMNS = [
  'id',
  'created_at',
  'method',
  'url',
  'status',
  'error_code',
  'duration_ms',
  'size',
  'capture',
] as const
type SummaryRow = Pick<Selectable<HistoryTable>, (typeof SUMMARY_COLUMNS)[number]>

function toSummary(row: SummaryRow): HistorySummary {
  return HistorySummarySchema.parse({
    id: row.id,
    createdAt: row.created_at,
    method: row.method,
    url: row.url,
    status: row.status === null ? null : Number(row.status),
    errorCode: row.error_code,
    durationMs: Number(row.duration_ms),
    size: Number(row.size), // pg returns bigint as a string
    realtimeKind: realtimeKindOfHistoryMethod(row.method),
    ...(row.capture ? { capture: row.capture } : {}),
  })
}

/** The same for PostgreSQL: `word & word & last:*`. Only letters and digits reach it. */
export function tsQuery(text: string): string | null {
  const words = searchWords(text).map((word) => word.toLowerCase())
  if (words.length === 0) return null
  return words.map((word, index) => `${word}${index === words.length - 1 ? ':*' : ''}`).join(' & ')
}

/** One person's history (the local user's in single-user mode); retention (prune) is server-wide. */
export function createHistoryStore(db: Kysely<Database>, box: SecretBox, user: string = LOCAL_USER_ID): HistoryStore {
  const sqlite = isSqlite(db)

  /** PostgreSQL's conditions on `h` (the history table): person, method, status, time, cursor. */
  function filters(query: HistoryQuery) {
    const conditions = [sql`h.user_id = ${user}`]
    if (query.method) conditions.push(sql`h.method = ${query.method}`)
    if (query.status === 'error') conditions.push(sql`h.status IS NULL`)
    else if (query.status?.endsWith('xx')) {
      const base = Number(query.status[0]) * 100
      conditions.push(sql`h.status >= ${base} AND h.status < ${base + 100}`)
    } else if (query.status) conditions.push(sql`h.status = ${Number(query.status)}`)
    if (query.from) conditions.push(sql`h.created_at >= ${new Date(query.from).toISOString()}`)
    if (query.to) conditions.push(sql`h.created_at <= ${new Date(query.to).toISOString()}`)
    if (query.capture === '*') conditions.push(sql`h.capture IS NOT NULL`)
    else if (query.capture) conditions.push(sql`h.capture = ${query.capture}`)
    if (query.path) conditions.push(sql`strpos(h.url, ${query.path}) > 0`)
    // Ids are time-ordered UUIDv7, so the cursor is simply the last id seen.
    if (query.before) conditions.push(sql`h.id < ${query.before}`)
    return conditions
  }

  const columns = sql.raw(SUMMARY_COLUMNS.map((column) => `h.${column}`).join(', '))

  return {
    async append(entry: HistoryEntry, searchText = '', body?: Buffer) {
      // Committed with the other appends of this moment in one transaction (history-append.ts).
      await groupCommitOf(db).append(historyAppend(entry, searchText, user, box, sqlite, body))
    },

    async list(query: HistoryQuery): Promise<HistoryPage> {
      const text = query.q?.trim() ? query.q.trim() : null
      let rows: SummaryRow[]
      if (sqlite) {
        rows = await searchHistorySqlite<SummaryRow>(db, user, query, text, columns)
      } else {
        const conditions = filters(query)
        if (text) {
          const tsquery = tsQuery(text)
          if (!tsquery) return { items: [], nextCursor: null }
          conditions.unshift(sql`h.search_vector @@ to_tsquery('simple', ${tsquery})`)
        }
        rows = (
          await sql<SummaryRow>`SELECT ${columns} FROM history h WHERE ${sql.join(conditions, sql` AND `)}
            ORDER BY h.id DESC LIMIT ${query.limit + 1}`.execute(db)
        ).rows
      }
      const items = rows.slice(0, query.limit).map(toSummary)
      return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null }
    },

    async get(id: string) {
      const row = await db
        .selectFrom('history')
        .selectAll()
        .where('id', '=', id)
        .where('user_id', '=', user)
        .executeTakeFirst()
      if (!row) return undefined
      return HistoryEntrySchema.parse({
        ...toSummary(row),
        request: JSON.parse(row.request_json),
        response: openInlineBody(JSON.parse(row.response_json), box),
      })
    },

    async remove(id: string) {
      return db.transaction().execute(async (tx) => {
        if (sqlite)
          await sql`DELETE FROM history_fts WHERE rowid = (SELECT rowid FROM history WHERE id = ${id} AND user_id = ${user})`.execute(
            tx,
          )
        const result = await tx
          .deleteFrom('history')
          .where('id', '=', id)
          .where('user_id', '=', user)
          .executeTakeFirst()
        return Number(result.numDeletedRows) > 0
      })
    },

    async clear() {
      return db.transaction().execute(async (tx) => {
        if (sqlite)
          await sql`DELETE FROM history_fts WHERE rowid IN (SELECT rowid FROM history WHERE user_id = ${user})`.execute(
            tx,
          )
        const rows = await tx.deleteFrom('history').where('user_id', '=', user).returning('id').execute()
        return rows.map((row) => row.id)
      })
    },

    async known(ids: readonly string[]) {
      const found = new Set<string>()
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500)
        for (const row of await db.selectFrom('history').select('id').where('id', 'in', batch).execute())
          found.add(row.id)
      }
      return found
    },

    async prune(retention: HistoryRetention): Promise<string[]> {
      const doomed = new Set<string>()
      if (retention.maxAgeDays !== null) {
        const cutoff = new Date(Date.now() - retention.maxAgeDays * 86_400_000).toISOString()
        for (const row of await db.selectFrom('history').select('id').where('created_at', '<', cutoff).execute())
          doomed.add(row.id)
      }
      if (retention.maxEntries !== null) {
        const edge = await db
          .selectFrom('history')
          .select('id')
          .orderBy('id', 'desc')
          .offset(retention.maxEntries)
          .limit(1)
          .executeTakeFirst()
        if (edge)
          for (const row of await db.selectFrom('history').select('id').where('id', '<=', edge.id).execute())
            doomed.add(row.id)
      }
      if (retention.maxBytes !== null) {
        let total = 0
        const rows = await db.selectFrom('history').select(['id', 'size']).orderBy('id', 'desc').execute()
        for (const row of rows) {
          total += Number(row.size)
          if (total > retention.maxBytes) doomed.add(row.id)
        }
      }
      const ids = [...doomed]
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500)
        await db.transaction().execute(async (tx) => {
          if (sqlite)
            await sql`DELETE FROM history_fts WHERE rowid IN (SELECT rowid FROM history WHERE id IN (${sql.join(batch)}))`.execute(
              tx,
            )
          await tx.deleteFrom('history').where('id', 'in', batch).execute()
        })
      }
      return ids
    },
  }
}
