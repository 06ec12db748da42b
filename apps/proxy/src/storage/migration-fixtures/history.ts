import { sql } from 'kysely'
import { expect } from 'vitest'
import { historyEntry } from '../store-contract.js'
import { T0, type FixtureContext, type MigrationFixture } from './fixture.js'

/** A history row as the store writes it; `plainBody` is an inline body from before sealing. */
export function historyRow(id: string, url: string, plainBody: string) {
  const entry = historyEntry({ id, url, createdAt: T0 })
  entry.response.body = {
    contentType: 'text/plain',
    size: plainBody.length,
    url: `/api/history/${id}/body`,
    inline: plainBody,
    isText: true,
    truncated: false,
  }
  const row = {
    id,
    created_at: entry.createdAt,
    method: entry.method,
    url: entry.url,
    status: entry.status,
    error_code: entry.errorCode,
    duration_ms: entry.durationMs,
    size: entry.size,
    request_json: JSON.stringify(entry.request),
    response_json: JSON.stringify(entry.response),
  }
  return { entry, row }
}

const oldHistory = historyRow('01900000-0000-7000-8000-000000000001', 'https://api.test/before-search', 'hello')
const searchable = historyRow('01900000-0000-7000-8000-000000000009', 'https://api.test/searchable', 'needle')
const failedPost = historyRow('01900000-0000-7000-8000-000000000021', 'https://api.test/filtered', 'haystack')
failedPost.entry.method = 'POST'
failedPost.entry.status = 503
Object.assign(failedPost.row, { method: 'POST', status: 503 })

/** A history row with its full-text entry, as the store wrote both from migration 0009 on. */
async function seedSearchable({ db, sqlite }: FixtureContext, { row, entry }: typeof searchable, words: string) {
  if (!sqlite) {
    await db
      .insertInto('history')
      .values({ ...row, search_text: `${entry.url}\n${words}` })
      .execute()
    return
  }
  await db.insertInto('history').values(row).execute()
  await sql`INSERT INTO history_fts (rowid, url, body) SELECT rowid, ${entry.url}, ${words} FROM history WHERE id = ${entry.id}`.execute(
    db,
  )
}
const smallBinary = historyRow('01900000-0000-7000-8000-000000000031', 'https://api.test/small.bin', '')
const smallText = historyRow('01900000-0000-7000-8000-000000000032', 'https://api.test/small.txt', 'kept once')
const BINARY = Buffer.from([0, 255, 1, 254, 0x80])

export const historyFixtures: Record<string, MigrationFixture> = {
  '0001-history': {
    async seed({ db }) {
      await db.insertInto('history').values(oldHistory.row).execute()
    },
    async check(store) {
      expect(await store.history.get(oldHistory.entry.id)).toEqual(oldHistory.entry)
      const page = await store.history.list({ limit: 50 })
      expect(page.items.map((item) => item.id)).toContain(oldHistory.entry.id)
    },
  },
  '0009-history-search': {
    async seed(context) {
      await seedSearchable(context, searchable, 'needle')
    },
    async check(store) {
      expect(await store.history.get(searchable.entry.id)).toEqual(searchable.entry)
      const found = await store.history.list({ limit: 50, q: 'needle' })
      expect(found.items.map((item) => item.id)).toEqual([searchable.entry.id])
    },
  },
  '0021-history-filter-indexes': {
    async seed(context) {
      await seedSearchable(context, failedPost, 'haystack')
    },
    async check(store) {
      expect(await store.history.get(failedPost.entry.id)).toEqual(failedPost.entry)
      const filtered = await store.history.list({ limit: 50, method: 'POST', status: '5xx' })
      expect(filtered.items.map((item) => item.id)).toEqual([failedPost.entry.id])
      const found = await store.history.list({ limit: 50, q: 'haystack', method: 'POST', status: '503' })
      expect(found.items.map((item) => item.id)).toEqual([failedPost.entry.id])
      expect((await store.history.list({ limit: 50, q: 'haystack', method: 'GET' })).items).toEqual([])
    },
  },
  '0022-history-body': {
    async seed({ db, box }) {
      await db
        .insertInto('history')
        .values([
          { ...smallBinary.row, body_sealed: box.sealBytes(BINARY, smallBinary.entry.id) },
          { ...smallText.row, body_sealed: 'inline' },
        ])
        .execute()
    },
    async check(store) {
      expect(await store.history.get(smallBinary.entry.id)).toEqual(smallBinary.entry)
      expect(await store.smallBodies.get(smallBinary.entry.id)).toEqual(BINARY)
      expect((await store.smallBodies.get(smallText.entry.id))?.toString()).toBe('kept once')
      // A row from before the migration keeps its body in the body store.
      expect(await store.smallBodies.get(oldHistory.entry.id)).toBeUndefined()
    },
  },
}
