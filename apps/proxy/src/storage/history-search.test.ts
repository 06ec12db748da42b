import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HistoryEntry, HistoryQuery } from '@courier/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { searchLimits } from './history-search-sqlite.js'
import { openStore } from './open-store.js'
import type { DatabaseTarget } from './database.js'
import type { Store } from './store.js'
import { historyEntry } from './store-contract.js'

/** A test that only one of the variants below has (defined only there, so no run reports it skipped). */
const onlyWhen = (condition: boolean) => (condition ? it : () => undefined)

/**
 * History search answers every combination of filters the same whichever way it is planned: from
 * a narrow filter's index, walking newest first past broad filters, from a time range's newest
 * entry, with a pass over the full-text matches and lookups one by one. Each query below is paged
 * to its end and compared with the same filters applied to the entries in memory. With the sizes
 * that choose a plan made small (`small`), "GET", "status 200", "common" or "the first 60 %" are
 * broad and "HEAD", "an hour" or "error" narrow; with the real sizes nearly every filter is narrow.
 */
const small = { narrow: 300, completions: 2, stream: 1000 }
const COUNT = 3000
const T0 = Date.UTC(2026, 5, 1)
const minute = (i: number) => new Date(T0 + i * 60_000).toISOString()

type Sent = { entry: HistoryEntry; words: string[]; user: string }

function sent(i: number): Sent {
  const method = i % 1000 === 500 ? 'HEAD' : (['GET', 'GET', 'POST', 'PUT', 'DELETE'] as const)[i % 5]!
  const status = i % 97 === 13 ? null : method === 'POST' ? [201, 400, 503][i % 3]! : [200, 200, 404, 204][i % 4]!
  const words = ['common', ...(i % 2 === 0 ? ['halves'] : []), ...(i % 700 === 3 ? ['rarely'] : [])]
  words.push(`comm${i % 4}`) // four completions of "comm" besides "common"
  if (method === 'POST') words.push('posting') // a word only POST entries have
  // One in 50 finished after later sends started: its time is before the previous entries'.
  const createdAt = minute(i % 50 === 7 ? i - 30 : i)
  const entry = historyEntry({
    url: `http://api.test/items/n${i}`,
    method,
    status,
    errorCode: status === null ? 'UPSTREAM_CONNECTION_REFUSED' : null,
    createdAt,
  })
  return { entry, words, user: i % 10 === 4 ? 'teammate' : 'local' }
}

/** The same search over the entries in memory: every word must be one of an entry's, the last may be a prefix. */
function expected(all: Sent[], user: string, query: Omit<HistoryQuery, 'limit' | 'before'>): string[] {
  const words = query.q?.split(' ').filter(Boolean) ?? []
  return all
    .filter((s) => s.user === user)
    .filter(({ entry, words: has }) => {
      const ok = words.every((w, k) => (k === words.length - 1 ? has.some((h) => h.startsWith(w)) : has.includes(w)))
      if (!ok) return false
      if (query.method && entry.method !== query.method) return false
      const status = entry.status
      if (query.status === 'error' && status !== null) return false
      if (query.status?.endsWith('xx') && (status === null || Math.floor(status / 100) !== Number(query.status[0])))
        return false
      if (/^\d+$/.test(query.status ?? '') && status !== Number(query.status)) return false
      if (query.from && entry.createdAt < query.from) return false
      if (query.to && entry.createdAt > query.to) return false
      return true
    })
    .map((s) => s.entry.id)
    .reverse()
}

const wordsOptions = [
  undefined,
  'common',
  'halv',
  'rarely',
  'absentword',
  'common halves',
  'posting',
  'posting common',
  'comm',
]
const filterOptions: Record<string, Omit<HistoryQuery, 'limit' | 'q'>> = {
  'no filter': {},
  'GET (broad)': { method: 'GET' },
  'HEAD (narrow)': { method: 'HEAD' },
  'OPTIONS (none)': { method: 'OPTIONS' },
  'status 200': { status: '200' },
  '4xx': { status: '4xx' },
  error: { status: 'error' },
  '1xx (none)': { status: '1xx' },
  'GET + 2xx': { method: 'GET', status: '2xx' },
  'POST + 404 (none)': { method: 'POST', status: '404' },
  'an hour long ago (narrow)': { from: minute(1000), to: minute(1060) },
  'the first 60 % (broad, ends long ago)': { to: minute(COUNT * 0.6) },
  'the last 10 %': { from: minute(COUNT * 0.9) },
  'up to half past an hour, long ago': { to: minute(COUNT * 0.6 + 30) },
  'GET + 2xx + the first 60 %': { method: 'GET', status: '2xx', to: minute(COUNT * 0.6) },
  'future (none)': { from: minute(COUNT + 100) },
}

function describeSearch(
  name: string,
  open: () => Promise<{ store: Store; drop: () => Promise<void> }>,
  limits: Partial<typeof searchLimits> = {},
) {
  describe(`${name}: history search plans${Object.keys(limits).length ? ' (small plan sizes)' : ''}`, () => {
    const kept = { ...searchLimits }
    let store: Store
    let drop: () => Promise<void>
    const all: Sent[] = []
    beforeAll(async () => {
      Object.assign(searchLimits, limits)
      ;({ store, drop } = await open())
      for (let i = 0; i < COUNT; i++) all.push(sent(i))
      for (let i = 0; i < COUNT; i += 500)
        await Promise.all(
          all.slice(i, i + 500).map((s) => {
            const history = s.user === 'local' ? store.history : store.historyOf(s.user)
            return history.append(s.entry, s.words.join(' '))
          }),
        )
    }, 120_000)
    afterAll(async () => {
      Object.assign(searchLimits, kept)
      await store?.close()
      await drop?.()
    })

    /** Every page of a query, followed by its cursors to the end. */
    async function pages(query: Omit<HistoryQuery, 'limit' | 'before'>, user = 'local', limit = 400) {
      const history = user === 'local' ? store.history : store.historyOf(user)
      const ids: string[] = []
      let before: string | undefined
      for (;;) {
        const page = await history.list({ ...query, limit, ...(before ? { before } : {}) })
        ids.push(...page.items.map((item) => item.id))
        if (page.nextCursor === null) return ids
        expect(page.items).toHaveLength(limit)
        expect(page.nextCursor).toBe(page.items[page.items.length - 1]!.id)
        before = page.nextCursor
      }
    }

    onlyWhen(Object.keys(limits).length > 0)('has broad and narrow filters in its data for the small sizes', () => {
      const local = (query: Omit<HistoryQuery, 'limit' | 'before'>) => expected(all, 'local', query).length
      for (const broad of [
        {},
        { method: 'GET' },
        { status: '200' },
        { to: minute(COUNT * 0.6) },
        { from: minute(COUNT * 0.6) },
      ])
        expect(local(broad)).toBeGreaterThan(small.narrow)
      for (const narrow of [{ method: 'HEAD' }, { status: 'error' }, { from: minute(1000), to: minute(1060) }])
        expect(local(narrow)).toBeLessThan(small.narrow)
      expect(local({ q: 'common' })).toBeGreaterThan(small.stream)
      expect(local({ q: 'posting', method: 'GET' })).toBe(0)
    })

    for (const q of wordsOptions)
      for (const [label, filter] of Object.entries(filterOptions))
        it(`${q === undefined ? 'no words' : `q "${q}"`} + ${label}`, async () => {
          const query = { ...filter, ...(q === undefined ? {} : { q }) }
          expect(await pages(query)).toEqual(expected(all, 'local', query))
        })

    it('answers a common word with a filter matching nothing with an empty page and no cursor', async () => {
      expect(await store.history.list({ limit: 50, q: 'common', method: 'OPTIONS' })).toEqual({
        items: [],
        nextCursor: null,
      })
      expect(await store.history.list({ limit: 50, q: 'posting', method: 'GET' })).toEqual({
        items: [],
        nextCursor: null,
      })
    })

    it('pages a narrow filter with small pages the same as one large page', async () => {
      const query = { q: 'common', method: 'HEAD' }
      const whole = expected(all, 'local', query)
      expect(whole.length).toBeGreaterThan(2)
      expect(await pages(query, 'local', 2)).toEqual(whole)
      const hour = { q: 'halv', from: minute(1000), to: minute(1060) }
      expect(await pages(hour, 'local', 7)).toEqual(expected(all, 'local', hour))
    })

    it("keeps a teammate's search to their own entries on every plan", async () => {
      for (const query of [
        {},
        { q: 'common' },
        { method: 'HEAD' },
        { q: 'halv', to: minute(COUNT * 0.6) },
        { status: 'error' },
      ])
        expect(await pages(query, 'teammate')).toEqual(expected(all, 'teammate', query))
    })

    // SQLite pages by rowid, and a deleted entry has none (as before the search was planned).
    onlyWhen(name === 'sqlite')('finds nothing older than a cursor whose entry was deleted', async () => {
      const gone = historyEntry({ createdAt: minute(COUNT) })
      await store.history.append(gone, 'common')
      expect(await store.history.remove(gone.id)).toBe(true)
      expect((await store.history.list({ limit: 3, before: gone.id })).items).toEqual([])
      expect((await store.history.list({ limit: 3, q: 'common', method: 'GET', before: gone.id })).items).toEqual([])
    })
  })
}

async function openSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'courier-test-'))
  const target: DatabaseTarget = { kind: 'sqlite', path: join(dir, 'courier.sqlite') }
  const store = await openStore(target, SecretBox.open(dir))
  return { store, drop: async () => rmSync(dir, { recursive: true, force: true }) }
}
describeSearch('sqlite', openSqlite)
describeSearch('sqlite', openSqlite, small)

describePostgres('PostgreSQL history search (TEST_DATABASE_URL)', (url) => {
  describeSearch('postgres', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courier-test-'))
    const schema = await freshSchema(url, 'courier_search')
    const store = await openStore({ kind: 'postgres', url: schema.url }, SecretBox.open(dir))
    return {
      store,
      drop: async () => {
        await schema.drop()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  })
})
