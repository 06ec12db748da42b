import { RequestSpecSchema, type CollectionItem } from '@courier/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from './store.js'

const request = (url: string) => RequestSpecSchema.parse({ method: 'GET', url })

/** Collections, folders, saved requests, environments and the workspace: every dialect behaves alike. */
export function describeCollectionContract(name: string, open: () => Promise<Store>) {
  describe(`${name} collections and environments`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    async function sample() {
      const collection = await store.collections.create('Shop API')
      const folder = await store.collections.createItem({
        kind: 'folder',
        collectionId: collection.id,
        parentId: null,
        name: 'Orders',
      })
      const list = await store.collections.createItem({
        kind: 'request',
        collectionId: collection.id,
        parentId: folder.id,
        name: 'List orders',
        request: request('{{baseUrl}}/orders'),
      })
      const get = await store.collections.createItem({
        kind: 'request',
        collectionId: collection.id,
        parentId: folder.id,
        name: 'Get order',
        request: request('{{baseUrl}}/orders/:id'),
      })
      return { collection, folder, list, get }
    }

    it('creates a tree of folders and requests and lists it back', async () => {
      const { collection, folder, list, get } = await sample()
      const [tree] = await store.collections.list()
      expect(tree!.id).toBe(collection.id)
      expect(tree!.items.map((i) => [i.name, i.parentId])).toEqual([
        ['Orders', null],
        ['List orders', folder.id],
        ['Get order', folder.id],
      ])
      expect((await store.collections.getItem(get.id))?.kind).toBe('request')
      expect(
        ((await store.collections.getItem(list.id)) as Extract<CollectionItem, { kind: 'request' }>).request.url,
      ).toBe('{{baseUrl}}/orders')
    })

    it('renames with a version and refuses a stale write with STORAGE_CONFLICT', async () => {
      const { list } = await sample()
      const renamed = await store.collections.updateItem(list.id, { version: list.version, name: 'All orders' })
      expect(renamed.version).toBe(list.version + 1)
      // A second tab still holding the old version:
      await expect(
        store.collections.updateItem(list.id, { version: list.version, name: 'Lost update' }),
      ).rejects.toMatchObject({
        code: 'STORAGE_CONFLICT',
        extra: { details: { current: expect.objectContaining({ name: 'All orders' }) } },
      })
      expect((await store.collections.getItem(list.id))?.name).toBe('All orders')
    })

    it('lets exactly one of two concurrent writers of the same version win', async () => {
      const { get } = await sample()
      const results = await Promise.allSettled([
        store.collections.updateItem(get.id, { version: get.version, name: 'From tab A' }),
        store.collections.updateItem(get.id, { version: get.version, name: 'From tab B' }),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1)
    })

    it('moves a request between folders and collections, and reorders siblings', async () => {
      const { collection, folder, list, get } = await sample()
      await store.collections.moveItem(get.id, { collectionId: collection.id, parentId: folder.id, index: 0 })
      let tree = (await store.collections.get(collection.id))!
      expect(tree.items.filter((i) => i.parentId === folder.id).map((i) => i.name)).toEqual([
        'Get order',
        'List orders',
      ])
      await store.collections.moveItem(list.id, { collectionId: collection.id, parentId: null, index: 0 })
      tree = (await store.collections.get(collection.id))!
      expect(tree.items.find((i) => i.id === list.id)?.parentId).toBeNull()
      const other = await store.collections.create('Other')
      await store.collections.moveItem(folder.id, { collectionId: other.id, parentId: null, index: 0 })
      const moved = (await store.collections.get(other.id))!
      expect(moved.items.map((i) => i.name).sort()).toEqual(['Get order', 'Orders'])
    })

    it('refuses to move a folder into itself', async () => {
      const { collection, folder } = await sample()
      const inner = await store.collections.createItem({
        kind: 'folder',
        collectionId: collection.id,
        parentId: folder.id,
        name: 'Inner',
      })
      await expect(
        store.collections.moveItem(folder.id, { collectionId: collection.id, parentId: inner.id, index: 0 }),
      ).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    })

    it('duplicates folders deeply with fresh ids, and whole collections', async () => {
      const { collection, folder } = await sample()
      const copy = await store.collections.duplicateItem(folder.id)
      expect(copy.name).toBe('Orders copy')
      const tree = (await store.collections.get(collection.id))!
      expect(tree.items.filter((i) => i.parentId === copy.id).map((i) => i.name)).toEqual(['List orders', 'Get order'])
      const whole = await store.collections.duplicate(collection.id)
      expect(whole.name).toBe('Shop API copy')
      expect(whole.items).toHaveLength(tree.items.length)
      expect(new Set(whole.items.map((i) => i.id)).size).toBe(whole.items.length)
      expect(whole.items.some((i) => tree.items.some((t) => t.id === i.id))).toBe(false)
    })

    it('deletes a folder with everything in it, and undoes the delete', async () => {
      const { collection, folder } = await sample()
      const removed = await store.collections.removeItem(folder.id)
      expect(removed.items.map((i) => i.name)).toEqual(['Orders', 'List orders', 'Get order'])
      expect((await store.collections.get(collection.id))!.items).toEqual([])
      await store.collections.restore(removed)
      expect((await store.collections.get(collection.id))!.items.map((i) => i.name)).toEqual([
        'Orders',
        'List orders',
        'Get order',
      ])
      const gone = await store.collections.remove(collection.id)
      expect(await store.collections.list()).toEqual([])
      await store.collections.restore(gone)
      expect((await store.collections.list())[0]!.items).toHaveLength(3)
    })

    it('tells a request the folders and collection it inherits from', async () => {
      const { collection, folder, get } = await sample()
      await store.collections.update(collection.id, {
        version: collection.version,
        variables: [{ name: 'baseUrl', value: 'https://shop.test', enabled: true, secret: false }],
      })
      const lineage = await store.collections.lineage(get.id)
      expect(lineage?.collection.variables[0]?.value).toBe('https://shop.test')
      expect(lineage?.folders.map((f) => f.id)).toEqual([folder.id])
    })

    it('keeps environments with globals first, versioned, secrets readable back', async () => {
      const dev = await store.environments.create('dev', [
        { name: 'baseUrl', value: 'http://localhost:3000', enabled: true, secret: false },
        { name: 'token', value: 's3cret-dev-token', enabled: true, secret: true },
      ])
      const list = await store.environments.list()
      expect(list.map((e) => e.name)).toEqual(['Globals', 'dev'])
      expect((await store.environments.get(dev.id))?.variables[1]?.value).toBe('s3cret-dev-token')
      const updated = await store.environments.update(dev.id, { version: dev.version, name: 'development' })
      await expect(store.environments.update(dev.id, { version: dev.version, name: 'stale' })).rejects.toMatchObject({
        code: 'STORAGE_CONFLICT',
      })
      const captured = await store.environments.setVariable(dev.id, 'orderId', '42')
      expect(captured.version).toBe(updated.version + 1)
      expect(captured.variables.find((v) => v.name === 'orderId')?.value).toBe('42')
      const copy = await store.environments.duplicate(dev.id)
      expect(copy.name).toBe('development copy')
      expect(await store.environments.remove(copy.id)).toBe(true)
      await expect(store.environments.remove('globals')).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    })

    it('restores the workspace as it was saved', async () => {
      expect(await store.workspace.get()).toEqual({ tabs: [], activeTabId: null, environmentId: null, closedTabs: [] })
      const state = {
        tabs: [
          {
            id: 't1',
            title: 'Draft',
            itemId: null,
            baseVersion: null,
            draft: request('http://x.test/unsaved'),
            isDirty: true,
            responseId: null,
          },
        ],
        activeTabId: 't1',
        environmentId: null,
        closedTabs: [],
      }
      await store.workspace.put(state)
      expect(await store.workspace.get()).toEqual(state)
    })
  })
}
