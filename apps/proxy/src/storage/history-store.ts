import { HistoryEntrySchema, HistorySummarySchema, type HistoryEntry, type HistoryPage, type HistoryQuery, type HistorySummary } from '@courier/shared'
import type { Kysely, Selectable } from 'kysely'
import type { HistoryStore } from './store.js'
import type { Database, HistoryTable } from './schema.js'

function toSummary(row: Pick<Selectable<HistoryTable>, 'id' | 'created_at' | 'method' | 'url' | 'status' | 'error_code' | 'duration_ms' | 'size'>): HistorySummary {
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

export function createHistoryStore(db: Kysely<Database>): HistoryStore {
  return {
    async append(entry: HistoryEntry) {
      await db
        .insertInto('history')
        .values({
          id: entry.id,
          created_at: entry.createdAt,
          method: entry.method,
          url: entry.url,
          status: entry.status,
          error_code: entry.errorCode,
          duration_ms: entry.durationMs,
          size: entry.size,
          request_json: JSON.stringify(entry.request),
          response_json: JSON.stringify(entry.response),
        })
        .execute()
    },

    async list(query: HistoryQuery): Promise<HistoryPage> {
      const limit = query.limit
      let select = db
        .selectFrom('history')
        .select(['id', 'created_at', 'method', 'url', 'status', 'error_code', 'duration_ms', 'size'])
        .orderBy('id', 'desc')
        .limit(limit + 1)
      // Ids are time-ordered UUIDv7, so the cursor is simply the last id seen.
      if (query.before) select = select.where('id', '<', query.before)
      const rows = await select.execute()
      const items = rows.slice(0, limit).map(toSummary)
      return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null }
    },

    async get(id: string) {
      const row = await db.selectFrom('history').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) return undefined
      return HistoryEntrySchema.parse({
        ...toSummary(row),
        request: JSON.parse(row.request_json),
        response: JSON.parse(row.response_json),
      })
    },

    async remove(id: string) {
      const result = await db.deleteFrom('history').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async clear() {
      const result = await db.deleteFrom('history').executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
