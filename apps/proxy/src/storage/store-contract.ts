import type { HistoryEntry } from '@courier/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import type { Store } from './store.js'

export function historyEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  const id = overrides.id ?? newId()
  return {
    id,
    createdAt: new Date().toISOString(),
    method: 'GET',
    url: 'http://api.test/things',
    status: 200,
    errorCode: null,
    durationMs: 12.5,
    size: 42,
    request: {
      method: 'GET',
      url: 'http://api.test/things',
      params: [],
      pathParams: [],
      headers: [],
      body: { kind: 'none' },
      auth: { type: 'none' },
      settings: {},
      cookies: '',
      captures: [],
      scripts: { preRequest: '', test: '' },
      assertions: [],
      examples: [],
    },
    response: {
      id,
      ok: true,
      startedAt: new Date().toISOString(),
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [['content-type', 'text/plain']],
      sizes: { headers: 30, bodyWire: 42, body: 42 },
      timing: { total: 12.5 },
      body: null,
      request: { method: 'GET', url: 'http://api.test/things', headers: [], bodySize: 0 },
      hops: [],
      attempts: [],
      cookies: [],
      notes: [],
      insecure: false,
      error: null,
    },
    ...overrides,
  }
}

/** Behaviour every Store must have; each dialect's test file runs it once. */
export function describeStoreContract(name: string, open: () => Promise<Store>) {
  describe(`${name} store`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('round-trips a history entry unchanged', async () => {
      const entry = historyEntry({ status: null, errorCode: 'UPSTREAM_CONNECTION_REFUSED' })
      await store.history.append(entry)
      expect(await store.history.get(entry.id)).toEqual(entry)
    })

    it('lists newest first and pages with a cursor', async () => {
      const ids: string[] = []
      for (let i = 0; i < 7; i++) {
        const entry = historyEntry({ url: `http://api.test/${i}` })
        ids.push(entry.id)
        await store.history.append(entry)
      }
      const first = await store.history.list({ limit: 3 })
      expect(first.items.map((i) => i.id)).toEqual(ids.slice(-3).reverse())
      const second = await store.history.list({ limit: 3, before: first.nextCursor! })
      expect(second.items.map((i) => i.id)).toEqual(ids.slice(1, 4).reverse())
      const last = await store.history.list({ limit: 3, before: second.nextCursor! })
      expect(last.items.map((i) => i.id)).toEqual([ids[0]])
      expect(last.nextCursor).toBeNull()
    })

    it('reports false when removing an unknown id, and counts what clear removed', async () => {
      expect(await store.history.remove(newId())).toBe(false)
      await store.history.append(historyEntry())
      await store.history.append(historyEntry())
      expect(await store.history.clear()).toHaveLength(2)
      expect((await store.history.list({ limit: 10 })).items).toEqual([])
    })

    it('records 200 concurrent appends without losing one', async () => {
      await Promise.all(Array.from({ length: 200 }, () => store.history.append(historyEntry())))
      expect((await store.history.list({ limit: 500 })).items).toHaveLength(200)
    })

    it('finds entries by words in the URL or body, by method, status class, errors and time', async () => {
      const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 12, minutes)).toISOString()
      await store.history.append(
        historyEntry({ url: 'http://shop.test/orders/17', method: 'GET', status: 200, createdAt: at(1) }),
        'response {"customer":"Ada Lovelace"}',
      )
      await store.history.append(
        historyEntry({ url: 'http://shop.test/login', method: 'POST', status: 401, createdAt: at(2) }),
        'response {"error":"invalid_grant"}',
      )
      await store.history.append(
        historyEntry({
          url: 'http://api.test/health',
          method: 'GET',
          status: null,
          errorCode: 'UPSTREAM_CONNECTION_REFUSED',
          createdAt: at(3),
        }),
        '',
      )
      const urls = async (query: Parameters<Store['history']['list']>[0]) =>
        (await store.history.list(query)).items.map((i) => i.url)
      expect(await urls({ limit: 10, q: 'lovelace' })).toEqual(['http://shop.test/orders/17'])
      expect(await urls({ limit: 10, q: 'invalid_gr' })).toEqual(['http://shop.test/login'])
      expect(await urls({ limit: 10, q: 'shop' })).toEqual(['http://shop.test/login', 'http://shop.test/orders/17'])
      expect(await urls({ limit: 10, method: 'POST' })).toEqual(['http://shop.test/login'])
      expect(await urls({ limit: 10, status: '4xx' })).toEqual(['http://shop.test/login'])
      expect(await urls({ limit: 10, status: '200' })).toEqual(['http://shop.test/orders/17'])
      expect(await urls({ limit: 10, status: 'error' })).toEqual(['http://api.test/health'])
      expect(await urls({ limit: 10, from: at(2), to: at(2) })).toEqual(['http://shop.test/login'])
      expect(await urls({ limit: 10, q: 'nothing-like-this' })).toEqual([])
    })

    it('forgets what the retention policy no longer keeps and keeps search consistent', async () => {
      const old = historyEntry({ createdAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })
      await store.history.append(old, 'ancient words')
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        const entry = historyEntry({ size: 1000 })
        ids.push(entry.id)
        await store.history.append(entry, `recent ${i}`)
      }
      expect(await store.history.prune({ maxEntries: null, maxBytes: null, maxAgeDays: 30 })).toEqual([old.id])
      expect((await store.history.list({ limit: 10, q: 'ancient' })).items).toEqual([])
      const removed = await store.history.prune({ maxEntries: 3, maxBytes: null, maxAgeDays: null })
      expect(removed.sort()).toEqual(ids.slice(0, 2).sort())
      expect((await store.history.list({ limit: 10, q: 'recent' })).items).toHaveLength(3)
      await store.history.prune({ maxEntries: null, maxBytes: 2000, maxAgeDays: null })
      expect((await store.history.list({ limit: 10 })).items).toHaveLength(2)
    })

    it('keeps settings by key and overwrites them', async () => {
      expect(await store.settings.get('defaults')).toBeUndefined()
      await store.settings.put('defaults', { timeoutMs: 1000 })
      await store.settings.put('defaults', { timeoutMs: 2000 })
      expect(await store.settings.get('defaults')).toEqual({ timeoutMs: 2000 })
    })
  })
}
