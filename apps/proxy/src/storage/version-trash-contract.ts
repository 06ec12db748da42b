import { GLOBALS_ID, RequestSpecSchema, type RequestSpec, type SaveConflictDetails } from '@courier/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import type { StoreOptions } from './open-store.js'
import type { Store } from './store.js'

const spec = (url: string, more: Partial<RequestSpec> = {}) => RequestSpecSchema.parse({ method: 'GET', url, ...more })
const DAY = 86_400_000

/** A store on a fresh database, and a way to run SQL on that same database (to break it on purpose). */
export type OpenWithRaw = (options?: StoreOptions) => Promise<{ store: Store; raw: (sql: string) => Promise<void> }>

/** Versions, field-level merge on save, and the trash: every dialect behaves alike. */
export function describeVersionsAndTrash(name: string, open: OpenWithRaw) {
  describe(`${name} versions, merge and trash`, () => {
    let store: Store
    let raw: (sql: string) => Promise<void>
    let now = Date.parse('2026-03-01T10:00:00.000Z')
    beforeEach(async () => {
      now = Date.parse('2026-03-01T10:00:00.000Z')
      ;({ store, raw } = await open({ clock: () => new Date(now) }))
    })
    afterEach(async () => {
      await store.close()
    })

    async function sample() {
      const collection = await store.collections.create('Shop API')
      const folder = await store.collections.createItem({ kind: 'folder', collectionId: collection.id, name: 'Orders' })
      const request = await store.collections.createItem({
        kind: 'request',
        collectionId: collection.id,
        parentId: folder.id,
        name: 'List orders',
        request: spec('https://shop.test/orders'),
      })
      if (request.kind !== 'request') throw new Error('not a request')
      return { collection, folder, request }
    }

    it('writes a version with every create and save, and lists them newest first with what changed', async () => {
      const { request } = await sample()
      await store.collections.updateItem(request.id, {
        version: 1,
        request: { ...request.request, headers: [['X-Trace', '1', true]] },
      })
      const list = await store.versions.list('item', request.id)
      expect(list.map((v) => [v.version, v.userId, v.changes])).toEqual([
        [2, 'local', ['header “X-Trace” added']],
        [1, 'local', ['created']],
      ])
      expect((await store.versions.get('item', request.id, 1)).data).toMatchObject({ request: { headers: [] } })
    })

    it('writes the version in the transaction of the row: a failed version write leaves the row as it was', async () => {
      const { request } = await sample()
      await raw('DROP TABLE item_versions')
      await expect(store.collections.updateItem(request.id, { version: 1, name: 'Renamed' })).rejects.toThrow()
      expect(await store.collections.getItem(request.id)).toMatchObject({ name: 'List orders', version: 1 })
    })

    it('merges a stale save with what changed since: my URL and their header are both kept', async () => {
      const { request } = await sample()
      await store.collections.updateItem(request.id, {
        version: 1,
        request: { ...request.request, headers: [['X-Theirs', '1', true]] },
      })
      const saved = await store.collections.updateItem(request.id, {
        version: 1,
        request: { ...request.request, url: 'https://shop.test/orders?mine=1', params: [['mine', '1', true]] },
      })
      expect(saved).toMatchObject({ version: 3, merged: { fromTheirs: ['headers'], baseVersion: 1 } })
      const now = await store.collections.getItem(request.id)
      expect(now).toMatchObject({
        version: 3,
        request: { url: 'https://shop.test/orders?mine=1', headers: [['X-Theirs', '1', true]] },
      })
    })

    it('answers a save that changed the same field as someone else with a conflict and writes nothing', async () => {
      const { request } = await sample()
      await store.inWorkspace('local', 'ann').collections.updateItem(request.id, {
        version: 1,
        request: { ...request.request, url: 'https://shop.test/theirs' },
      })
      const error = await store.collections
        .updateItem(request.id, { version: 1, request: { ...request.request, url: 'https://shop.test/mine' } })
        .then(
          () => undefined,
          (e: unknown) => e as { code: string; extra: { details: SaveConflictDetails } },
        )
      expect(error?.code).toBe('STORAGE_CONFLICT')
      const details = error!.extra.details
      expect(details.conflicts).toEqual([
        expect.objectContaining({
          field: 'url',
          base: expect.objectContaining({ url: 'https://shop.test/orders' }),
          mine: expect.objectContaining({ url: 'https://shop.test/mine' }),
          theirs: expect.objectContaining({ url: 'https://shop.test/theirs' }),
        }),
      ])
      expect(details.current).toMatchObject({ version: 2 })
      expect(details.base).toMatchObject({ version: 1 })
      expect(details.theirs).toMatchObject({ userId: 'ann' })
      expect(await store.collections.getItem(request.id)).toMatchObject({ version: 2 })
      expect(await store.versions.list('item', request.id)).toHaveLength(2)
    })

    it('merges environments per variable and collections per field', async () => {
      const env = await store.environments.create('dev', [{ name: 'a', value: '1', enabled: true, secret: true }])
      await store.environments.update(env.id, {
        version: 1,
        variables: [...env.variables, { name: 'b', value: 'theirs', enabled: true, secret: false }],
      })
      const merged = await store.environments.update(env.id, {
        version: 1,
        variables: [{ name: 'a', value: '2', enabled: true, secret: true }],
      })
      expect(merged.variables.map((v) => [v.name, v.value])).toEqual([
        ['a', '2'],
        ['b', 'theirs'],
      ])
      const { collection } = await sample()
      await store.collections.update(collection.id, { version: 1, description: 'theirs' })
      const c = await store.collections.update(collection.id, { version: 1, auth: { type: 'none' } })
      expect(c).toMatchObject({ description: 'theirs', auth: { type: 'none' }, version: 3 })
      await expect(store.collections.update(collection.id, { version: 1, description: 'mine' })).rejects.toMatchObject({
        code: 'STORAGE_CONFLICT',
      })
    })

    it('restores an earlier version as a new version, keeping history', async () => {
      const { request } = await sample()
      await store.collections.updateItem(request.id, { version: 1, request: spec('https://shop.test/v2') })
      const restored = await store.versions.restore('item', request.id, 1)
      expect(restored.version).toBe(3)
      expect(restored.changes).toEqual(['URL changed'])
      expect(await store.collections.getItem(request.id)).toMatchObject({
        version: 3,
        request: { url: 'https://shop.test/orders' },
      })
      expect((await store.versions.list('item', request.id)).map((v) => v.version)).toEqual([3, 2, 1])
      const env = (await store.environments.get(GLOBALS_ID))!
      await store.environments.update(GLOBALS_ID, {
        version: env.version,
        variables: [{ name: 'g', value: '1', enabled: true, secret: false }],
      })
      await store.versions.restore('environment', GLOBALS_ID, env.version)
      expect((await store.environments.get(GLOBALS_ID))!.variables).toEqual([])
    })

    it('keeps every version of the last 30 days and at least the last 50', { timeout: 60_000 }, async () => {
      const { folder } = await sample()
      for (let v = 1; v <= 55; v++) await store.collections.updateItem(folder.id, { version: v, description: `d${v}` })
      expect(await store.versions.list('item', folder.id)).toHaveLength(56)
      now += 31 * DAY
      await store.collections.updateItem(folder.id, { version: 56, description: 'later' })
      const kept = await store.versions.list('item', folder.id)
      expect(kept).toHaveLength(50)
      expect(kept.at(-1)).toMatchObject({ version: 8, changes: ['oldest version kept'] })
    })

    it('moves deleted requests to the trash; restore puts them back in their folder; undo empties the entry', async () => {
      const { collection, folder, request } = await sample()
      const removed = await store.collections.removeItem(request.id)
      expect(removed.trashId).toBeDefined()
      expect(await store.trash.list()).toEqual([
        expect.objectContaining({
          kind: 'request',
          name: 'List orders',
          collectionName: 'Shop API',
          deletedBy: 'local',
        }),
      ])
      expect(await store.trash.restore(removed.trashId!)).toMatchObject({ where: 'into “Shop API” / “Orders”' })
      expect(await store.collections.getItem(request.id)).toMatchObject({ parentId: folder.id })
      expect(await store.trash.list()).toEqual([])

      const again = await store.collections.removeItem(request.id)
      await store.collections.restore(again) // the Undo
      expect(await store.trash.list()).toEqual([])
      expect((await store.collections.get(collection.id))!.items).toHaveLength(2)
    })

    it('restores to the top when the folder is gone, and into a new collection when the collection is gone', async () => {
      const { collection, folder, request } = await sample()
      const r = await store.collections.removeItem(request.id)
      await store.collections.removeItem(folder.id)
      expect(await store.trash.restore(r.trashId!)).toMatchObject({
        where: 'to the top of “Shop API” (its folder was deleted)',
      })
      expect(await store.collections.getItem(request.id)).toMatchObject({ parentId: null, collectionId: collection.id })

      const r2 = await store.collections.removeItem(request.id)
      await store.collections.remove(collection.id)
      const back = await store.trash.restore(r2.trashId!)
      expect(back.where).toMatch(/^into a new collection “Shop API”/)
      const trees = await store.collections.list()
      expect(trees.map((t) => [t.name, t.items.map((i) => i.name)])).toEqual([['Shop API', ['List orders']]])
      expect((await store.trash.list()).map((e) => e.kind).sort()).toEqual(['collection', 'folder'])
    })

    it('trashes environments with their secrets, restores them, and deletes forever', async () => {
      const env = await store.environments.create('staging', [
        { name: 'k', value: 's3cret', enabled: true, secret: true },
      ])
      expect(await store.environments.remove(env.id)).toBe(true)
      const [entry] = await store.trash.list()
      expect(entry).toMatchObject({ kind: 'environment', name: 'staging' })
      await store.trash.restore(entry!.id)
      expect(await store.environments.get(env.id)).toMatchObject({ variables: [{ name: 'k', value: 's3cret' }] })
      await store.environments.remove(env.id)
      const [gone] = await store.trash.list()
      expect(await store.trash.remove(gone!.id)).toBe(true)
      expect(await store.trash.list()).toEqual([])
      await expect(store.trash.restore(gone!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })

    it('purges the trash after 30 days, on listing and on the sweep', async () => {
      const { request, folder } = await sample()
      await store.collections.removeItem(request.id)
      now += 29 * DAY
      await store.collections.removeItem(folder.id)
      expect(await store.trash.list()).toHaveLength(2)
      now += 2 * DAY
      expect((await store.trash.list()).map((e) => e.name)).toEqual(['Orders'])
      const other = store.inWorkspace(newId(), 'bob')
      const c = await other.collections.create('Theirs')
      await other.collections.remove(c.id)
      now += 31 * DAY
      expect(await store.sweepTrash()).toBe(2)
      expect(await other.trash.list()).toEqual([])
    })

    it('keeps versions and trash inside their workspace, named for the person who acted', async () => {
      const ws = newId()
      const ann = store.inWorkspace(ws, 'ann')
      const c = await ann.collections.create('Team')
      const item = await ann.collections.createItem({
        kind: 'request',
        collectionId: c.id,
        name: 'R',
        request: spec('https://a.test'),
      })
      expect((await ann.versions.list('item', item.id))[0]).toMatchObject({ userId: 'ann' })
      await expect(store.versions.list('item', item.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(store.inWorkspace(newId()).versions.restore('item', item.id, 1)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await ann.collections.removeItem(item.id)
      expect(await store.trash.list()).toEqual([])
      const [entry] = await ann.trash.list()
      expect(entry).toMatchObject({ deletedBy: 'ann' })
      await expect(store.trash.restore(entry!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })
  })
}
