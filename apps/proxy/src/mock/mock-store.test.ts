import { newId } from '../ids.js'
import { describe, expect, it } from 'vitest'
import type { MockCall } from '@courier/shared'
import { DIALECTS, openTestStore } from '../test/dialects.js'
import { KEPT_MOCK_CALLS } from './mock-store.js'

const callAt = (n: number): MockCall => ({
  id: newId(),
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n)).toISOString(),
  method: 'GET',
  path: `/pets/${n}`,
  origin: null,
  status: 200,
  route: 'GET /pets/{id}',
  example: 'One',
  note: 'matched',
  durationMs: 1.5,
})

for (const dialect of DIALECTS) {
  describe(`the mock store (${dialect.name})`, () => {
    it('creates, lists, updates with a version and deletes, within one workspace', async () => {
      const store = await openTestStore(await dialect.target())
      const mine = store.mocks.inWorkspace('w1', 'u1')
      const theirs = store.mocks.inWorkspace('w2', 'u2')
      const created = await mine.create({
        name: 'Pets',
        source: { kind: 'collection', collectionId: 'c1' },
        allowedOrigins: ['http://localhost:5173'],
      })
      expect(created).toMatchObject({
        name: 'Pets',
        version: 1,
        workspaceId: 'w1',
        delayMs: 0,
        routes: [],
        enabled: true,
        allowedOrigins: ['http://localhost:5173'],
      })
      expect(await mine.list()).toEqual([created])
      expect(await theirs.list()).toEqual([])
      expect(await theirs.get(created.id)).toBeUndefined()
      expect(await store.mocks.find(created.id)).toEqual(created)

      const updated = await mine.update(created.id, { version: 1, delayMs: 250, enabled: false })
      expect(updated).toMatchObject({ version: 2, delayMs: 250, enabled: false, name: 'Pets' })
      await expect(mine.update(created.id, { version: 1, name: 'Stale' })).rejects.toMatchObject({
        code: 'STORAGE_CONFLICT',
        extra: { details: { current: { version: 2, delayMs: 250 } } },
      })
      await expect(theirs.update(created.id, { version: 2, name: 'Not theirs' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      expect(await theirs.remove(created.id)).toBe(false)
      expect(await mine.remove(created.id)).toBe(true)
      expect(await mine.get(created.id)).toBeUndefined()
      expect(await store.mocks.find(created.id)).toBeUndefined()
    })

    it('of two writers of one version, exactly one wins', async () => {
      const store = await openTestStore(await dialect.target())
      const mocks = store.mocks.inWorkspace('w1', 'u1')
      const mock = await mocks.create({ name: 'Race', source: { kind: 'openapi', document: '{}' } })
      const results = await Promise.allSettled([
        mocks.update(mock.id, { version: 1, name: 'A' }),
        mocks.update(mock.id, { version: 1, name: 'B' }),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(
        results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code),
      ).toEqual(['STORAGE_CONFLICT'])
      expect((await mocks.get(mock.id))!.version).toBe(2)
    })

    it('keeps the call log newest first, trimmed to the newest calls, cleared and deleted with the mock', async () => {
      const store = await openTestStore(await dialect.target())
      const mocks = store.mocks.inWorkspace('w1', 'u1')
      const mock = await mocks.create({ name: 'Log', source: { kind: 'collection', collectionId: 'c1' } })
      const other = await mocks.create({ name: 'Other', source: { kind: 'collection', collectionId: 'c1' } })
      await store.mocks.logCall(other.id, callAt(0))
      const total = KEPT_MOCK_CALLS + 5
      for (let n = 0; n < total; n++) await store.mocks.logCall(mock.id, callAt(n))
      const calls = (await mocks.calls(mock.id))!
      expect(calls).toHaveLength(KEPT_MOCK_CALLS)
      expect(calls[0]!.path).toBe(`/pets/${total - 1}`)
      expect(calls.at(-1)!.path).toBe(`/pets/${total - KEPT_MOCK_CALLS}`)
      expect(await store.mocks.inWorkspace('w2', 'u1').calls(mock.id)).toBeUndefined()
      expect(await mocks.calls(other.id)).toHaveLength(1)
      expect(await mocks.clearCalls(mock.id)).toBe(true)
      expect(await mocks.calls(mock.id)).toEqual([])
      expect(await mocks.calls(other.id)).toHaveLength(1)
      await mocks.remove(other.id)
      await store.mocks.logCall(mock.id, callAt(1))
      expect(await mocks.calls(mock.id)).toHaveLength(1)
    }, 120_000)

    it("stamps a collection by its own version and its items' so any save changes the stamp", async () => {
      const store = await openTestStore(await dialect.target())
      const ws = 'local'
      expect(await store.mocks.collectionStamp(ws, 'nope')).toBeNull()
      const collection = await store.collections.create('Shop')
      const first = await store.mocks.collectionStamp(ws, collection.id)
      expect(first).not.toBeNull()
      const item = await store.collections.createItem({
        kind: 'request',
        collectionId: collection.id,
        name: 'List',
        request: { method: 'GET', url: '{{baseUrl}}/items' },
      })
      const second = await store.mocks.collectionStamp(ws, collection.id)
      expect(second).not.toBe(first)
      await store.collections.updateItem(item.id, { version: item.version, name: 'List all' })
      const third = await store.mocks.collectionStamp(ws, collection.id)
      expect(third).not.toBe(second)
      expect(await store.mocks.collectionStamp('another', collection.id)).toBeNull()
    })
  })
}
