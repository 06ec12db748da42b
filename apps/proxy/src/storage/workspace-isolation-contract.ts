import { GLOBALS_ID } from '@courier/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import type { Store } from './store.js'
import { historyEntry } from './store-contract.js'

const request = { method: 'GET', url: 'http://api.test/a' } as const

/**
 * Team mode's first rule, on both dialects: another workspace's ids (and another person's history)
 * behave exactly like ids that never existed — not listed, not readable, not writable, not movable into.
 */
export function describeWorkspaceIsolation(name: string, open: () => Promise<Store>) {
  describe(`${name}: workspaces and people are isolated`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('keeps collections and items in their workspace', async () => {
      const a = store.inWorkspace(newId())
      const b = store.inWorkspace(newId())
      const mine = await a.collections.create('Mine')
      const item = await a.collections.createItem({ collectionId: mine.id, kind: 'request', name: 'R', request })
      const theirs = await b.collections.create('Theirs')

      expect((await a.collections.list()).map((c) => c.name)).toEqual(['Mine'])
      expect((await b.collections.list()).map((c) => c.name)).toEqual(['Theirs'])
      expect(await b.collections.get(mine.id)).toBeUndefined()
      expect(await b.collections.getItem(item.id)).toBeUndefined()
      expect(await b.collections.lineage(item.id)).toBeUndefined()
      for (const attempt of [
        () => b.collections.update(mine.id, { version: 1, name: 'x' }),
        () => b.collections.remove(mine.id),
        () => b.collections.duplicate(mine.id),
        () => b.collections.updateItem(item.id, { version: 1, name: 'x' }),
        () => b.collections.removeItem(item.id),
        () => b.collections.duplicateItem(item.id),
        () => b.collections.createItem({ collectionId: mine.id, kind: 'folder', name: 'F' }),
        () => b.collections.moveItem(item.id, { collectionId: theirs.id, parentId: null, index: 0 }),
        () => a.collections.moveItem(item.id, { collectionId: theirs.id, parentId: null, index: 0 }),
      ])
        await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect((await a.collections.get(mine.id))?.items.map((i) => i.name)).toEqual(['R'])
      expect(await store.collections.get(mine.id)).toBeUndefined()
    })

    it('gives each workspace its own environments and globals', async () => {
      const a = store.inWorkspace(newId())
      const b = store.inWorkspace(newId())
      const env = await a.environments.create('Staging', [{ name: 'k', value: 'v', enabled: true, secret: true }])
      const globals = (await a.environments.get(GLOBALS_ID))!
      await a.environments.update(GLOBALS_ID, {
        version: globals.version,
        variables: [{ name: 'g', value: 'a', enabled: true, secret: false }],
      })

      expect((await b.environments.list()).map((e) => e.id)).toEqual([GLOBALS_ID])
      expect((await b.environments.get(GLOBALS_ID))?.variables).toEqual([])
      expect((await a.environments.get(GLOBALS_ID))?.variables.map((v) => v.value)).toEqual(['a'])
      expect((await store.environments.get(GLOBALS_ID))?.variables ?? []).not.toContainEqual(
        expect.objectContaining({ name: 'g' }),
      )
      expect(await b.environments.get(env.id)).toBeUndefined()
      expect(await b.environments.remove(env.id)).toBe(false)
      await expect(b.environments.update(env.id, { version: 1, name: 'x' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await expect(b.environments.setVariable(env.id, 'k', 'stolen')).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect((await a.environments.get(env.id))?.variables[0]?.value).toBe('v')
    })

    it('keeps each person’s history their own', async () => {
      const ann = store.historyOf(newId())
      const bob = store.historyOf(newId())
      const entry = historyEntry({ url: 'http://api.test/ann-only' })
      await ann.append(entry, 'ann-only')
      expect((await ann.list({ limit: 10 })).items.map((i) => i.id)).toEqual([entry.id])
      expect((await bob.list({ limit: 10 })).items).toEqual([])
      expect((await bob.list({ limit: 10, q: 'ann' })).items).toEqual([])
      expect(await bob.get(entry.id)).toBeUndefined()
      expect(await bob.remove(entry.id)).toBe(false)
      expect(await bob.clear()).toEqual([])
      expect(await ann.get(entry.id)).toBeDefined()
    })
  })
}
