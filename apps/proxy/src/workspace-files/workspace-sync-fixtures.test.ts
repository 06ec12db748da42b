import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CollectionTree } from '@courier/shared'
import { importText } from '@courier/shared/convert'
import { describe, expect, it, onTestFinished } from 'vitest'
import { LocalChangeBus } from '../storage/local-change-bus.js'
import { DIALECTS, openTestStore } from '../test/dialects.js'
import { tempDataDir } from '../test/temp-dir.js'
import { renderCollection } from './fingerprint.js'
import { WorkspaceSync } from './workspace-sync.js'

const FIXTURES = fileURLToPath(new URL('../../../../packages/shared/src/convert/fixtures/', import.meta.url))
const NAMES = ['wise-all-endpoints.postman_collection.json', 'petstore-expanded.yaml', 'api-with-examples.yaml']

/** Imports number ids from 1 each time: made unique per fixture, as the store's would be. */
function prefixed(tree: CollectionTree, prefix: string): CollectionTree {
  return {
    ...tree,
    id: prefix + tree.id,
    items: tree.items.map((i) => ({
      ...i,
      id: prefix + i.id,
      collectionId: prefix + i.collectionId,
      parentId: i.parentId === null ? null : prefix + i.parentId,
    })),
  }
}

const print = (trees: CollectionTree[]) =>
  Object.fromEntries(trees.map((t) => [t.id, renderCollection(t, 'x').fingerprint]))

for (const dialect of DIALECTS) {
  describe(`workspace sync over real collections (${dialect.name})`, () => {
    it('writes imported collections to files, and a fresh Courier on that folder saves them exactly', async () => {
      const first = await openTestStore(await dialect.target())
      for (const [n, name] of NAMES.entries()) {
        const result = await importText(await readFile(join(FIXTURES, name), 'utf8'))
        for (const tree of result.collections) {
          const { items, ...collection } = prefixed(tree, `f${n}-`)
          await first.collections.restore({ collection, items })
        }
      }
      const dir = join(tempDataDir(), 'workspace')
      const errors: unknown[] = []
      const a = await WorkspaceSync.start({
        dir,
        store: first,
        bus: new LocalChangeBus(),
        stateFile: join(tempDataDir(), 'a.json'),
        onError: (e) => errors.push(e),
      })
      const written = await a.files()
      await a.stop()
      expect(written.length).toBeGreaterThan(50)

      const second = await openTestStore(await dialect.target())
      const b = await WorkspaceSync.start({
        dir,
        store: second,
        bus: new LocalChangeBus(),
        stateFile: join(tempDataDir(), 'b.json'),
        onError: (e) => errors.push(e),
      })
      onTestFinished(() => b.stop())
      expect(b.problems()).toEqual([])
      expect(errors).toEqual([])
      expect(print(await second.collections.list())).toEqual(print(await first.collections.list()))
      // Reading them in wrote nothing back: the folder is byte for byte what the first Courier wrote.
      expect(await b.files()).toEqual(written)
    })
  })
}
