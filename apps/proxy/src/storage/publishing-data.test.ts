import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { tempDataDir } from '../test/temp-dir.js'
import { openStore } from './open-store.js'
import { publishingData, type Change } from './publishing-data.js'
import type { Store } from './store.js'

const request = { method: 'GET', url: 'http://api.test/a' } as const

describe('publishingData: every write of a workspace publishes what it changed', () => {
  let store: Store
  afterEach(() => store.close())

  async function open() {
    store = await openStore(
      { kind: 'sqlite', path: join(tempDataDir(), 'courier.sqlite') },
      SecretBox.open(tempDataDir()),
    )
    const changes: Change[] = []
    const data = publishingData(store.inWorkspace('ws-1'), async (change) => {
      changes.push(change)
    })
    return { data, changes }
  }

  it('publishes collection and item writes with their ids and new versions, reads publish nothing', async () => {
    const { data, changes } = await open()
    const c = data.collections
    const tree = await c.create('Shop')
    const item = await c.createItem({ collectionId: tree.id, kind: 'request', name: 'List', request })
    const folder = await c.createItem({ collectionId: tree.id, kind: 'folder', name: 'Orders' })
    const updated = await c.updateItem(item.id, { version: item.version, name: 'List all' })
    await c.moveItem(item.id, { collectionId: tree.id, parentId: folder.id, index: 0 })
    const copy = await c.duplicateItem(item.id)
    const renamed = await c.update(tree.id, { version: tree.version, name: 'Shop 2' })
    await c.list()
    await c.get(tree.id)
    await c.getItem(item.id)
    await c.lineage(item.id)
    const removedItem = await c.removeItem(copy.id)
    await c.restore(removedItem)
    const twin = await c.duplicate(tree.id)
    const removed = await c.remove(twin.id)
    await c.restore(removed)
    expect(changes).toEqual([
      { kind: 'collection', id: tree.id, version: tree.version, action: 'saved' },
      { kind: 'item', id: item.id, version: item.version, action: 'saved' },
      { kind: 'item', id: folder.id, version: folder.version, action: 'saved' },
      { kind: 'item', id: item.id, version: updated.version, action: 'saved' },
      { kind: 'item', id: item.id, version: null, action: 'saved' },
      { kind: 'item', id: copy.id, version: copy.version, action: 'saved' },
      { kind: 'collection', id: tree.id, version: renamed.version, action: 'saved' },
      { kind: 'item', id: copy.id, version: null, action: 'deleted' },
      { kind: 'item', id: copy.id, version: null, action: 'saved' },
      { kind: 'collection', id: twin.id, version: twin.version, action: 'saved' },
      { kind: 'collection', id: twin.id, version: null, action: 'deleted' },
      { kind: 'collection', id: twin.id, version: null, action: 'saved' },
    ])
  })

  it('publishes environment writes, and nothing for a write that failed or found nothing', async () => {
    const { data, changes } = await open()
    const e = data.environments
    const env = await e.create('Staging', [])
    const updated = await e.update(env.id, { version: env.version, name: 'Stage' })
    const captured = await e.setVariable(env.id, 'token', 'abc')
    const copy = await e.duplicate(env.id)
    await e.list()
    expect(await e.remove(copy.id)).toBe(true)
    expect(await e.remove('no-such-environment')).toBe(false)
    await expect(e.update(env.id, { version: 1, name: 'stale' })).rejects.toThrow()
    expect(changes).toEqual([
      { kind: 'environment', id: env.id, version: env.version, action: 'saved' },
      { kind: 'environment', id: env.id, version: updated.version, action: 'saved' },
      { kind: 'environment', id: env.id, version: captured.version, action: 'saved' },
      { kind: 'environment', id: copy.id, version: copy.version, action: 'saved' },
      { kind: 'environment', id: copy.id, version: null, action: 'deleted' },
    ])
  })

  it('publishes a restored version and a restore from the trash, like the saves they are', async () => {
    const { data, changes } = await open()
    const tree = await data.collections.create('Shop')
    const item = await data.collections.createItem({ collectionId: tree.id, kind: 'request', name: 'List', request })
    await data.collections.updateItem(item.id, { version: item.version, name: 'List all' })
    changes.length = 0
    await data.versions.list('item', item.id)
    await data.versions.get('item', item.id, item.version)
    const restored = await data.versions.restore('item', item.id, item.version)
    await data.collections.removeItem(item.id)
    const [entry] = await data.trash.list()
    await data.trash.restore(entry!.id)
    expect(changes).toEqual([
      { kind: 'item', id: item.id, version: restored.version, action: 'saved' },
      { kind: 'item', id: item.id, version: null, action: 'deleted' },
      { kind: 'item', id: item.id, version: null, action: 'saved' },
    ])
  })
})
