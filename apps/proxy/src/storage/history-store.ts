import {
  HistoryEntrySchema,
  HistorySummarySchema,
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

const SUMMARY_COLUMNS = ['id', 'created_at', 'method', 'url', 'status', 'error_code', 'duration_ms', 'size'] as const

function toSummary(row: Pick<Selectable<HistoryTable>, (typeof SUMMARY_COLUMNS)[number]>): HistorySummary {
  return HistorySummarySchema.parse({
    id: row.id,
    createdAt: row.created_at,
    method: row.method,
    url: row.url,
    status: row.status === null ? null : Number(row.status),
    errorCode: row.error_code,
    durationMs: Number(row.duration_ms),
    size: Number(row.size), // pg returns bigint as a string
  })
}

/** The words of a search, split the way both full-text indexes split text (letters and digits). */
function searchWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? []
}

/** Free text → an FTS5 query: every word must appear; the last may be a prefix ("auth" finds "authorize"). */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text)
  if (words.length === 0) return null
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ')
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

  /** Conditions on `h` (the history table) that every listing shares: method, status, time, cursor. */
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
    // Ids are time-ordered UUIDv7, so the cursor is simply the last id seen; on SQLite the rowid
    // follows the same order and is what the indexes walk.
    if (query.before)
      conditions.push(
        sqlite ? sql`h.rowid < (SELECT rowid FROM history WHERE id = ${query.before})` : sql`h.id < ${query.before}`,
      )
    return conditions
  }

  const columns = sql.raw(SUMMARY_COLUMNS.map((column) => `h.${column}`).join(', '))

  return {
    async append(entry: HistoryEntry, searchText = '', body?: Buffer) {
      // Committed with the other appends of this moment in one transaction (history-append.ts).
      await groupCommitOf(db).append(historyAppend(entry, searchText, user, box, sqlite, body))
    },

    async list(query: HistoryQuery): Promise<HistoryPage> {
      const conditions = filters(query)
      const text = query.q?.trim() ? query.q.trim() : null
      let source = sql`history h`
      let order = sqlite ? sql`h.rowid DESC` : sql`h.id DESC`
      if (text && sqlite) {
        const match = ftsQuery(text)
        if (!match) return { items: [], nextCursor: null }
        // Driven from the index, newest first: FTS5 yields matches in rowid order, so LIMIT stops
        // early even when a word is in most entries.
        source = sql`history_fts JOIN history h ON h.rowid = history_fts.rowid`
        order = sql`history_fts.rowid DESC`
        conditions.unshift(sql`history_fts MATCH ${match}`)
      } else if (text) {
        const tsquery = tsQuery(text)
        if (!tsquery) return { items: [], nextCursor: null }
        conditions.unshift(sql`to_tsvector('simple', coalesce(h.search_text, '')) @@ to_tsquery('simple', ${tsquery})`)
      }
      const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``
      const { rows } = await sql<
        Pick<Selectable<HistoryTable>, (typeof SUMMARY_COLUMNS)[number]>
      >`SELECT ${columns} FROM ${source} ${where} ORDER BY ${order} LIMIT ${query.limit + 1}`.execute(db)
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
