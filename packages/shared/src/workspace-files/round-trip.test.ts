import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CollectionTree } from '../collection.js'
import { importFiles, type ImportFile } from '../convert/import-files.js'
import { importText } from '../convert/import-text.js'
import { filesOfCollection, filesOfWorkspace, secretsOfCollection } from './write-files.js'
import { loadWorkspaceFiles } from './load-files.js'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
/** The repository's real collections and specs (Postman, OpenAPI 2/3, a spec split over files). */
const FIXTURE_DIRS = [here('../convert/fixtures')]

function folderFiles(root: string): ImportFile[] {
  const out: ImportFile[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') })
    }
  }
  walk(root)
  return out
}

/** Every fixture that is a collection or a spec: single files, and the DigitalOcean folder as one import. */
async function fixtureCollections(): Promise<{ source: string; tree: CollectionTree }[]> {
  const out: { source: string; tree: CollectionTree }[] = []
  for (const dir of FIXTURE_DIRS) {
    const walk = async (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const path = join(d, name)
        if (statSync(path).isDirectory()) {
          if (name === 'digitalocean') {
            const result = await importFiles(folderFiles(path))
            for (const tree of result.collections) out.push({ source: path, tree })
          } else await walk(path)
        } else if (/\.(json|ya?ml)$/.test(name) && !name.includes('environment')) {
          const result = await importText(readFileSync(path, 'utf8'))
          for (const tree of result.collections) out.push({ source: path, tree })
        }
      }
    }
    await walk(dir)
  }
  return out
}

/** Items in a stable order: the array's order is not part of the model (parentId and position are). */
const byId = (tree: CollectionTree): CollectionTree => ({
  ...tree,
  items: [...tree.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
})

function withIdPrefix(tree: CollectionTree, prefix: string): CollectionTree {
  const id = (x: string | null) => (x === null ? null : prefix + x)
  return {
    ...tree,
    id: prefix + tree.id,
    items: tree.items.map((i) => ({
      ...i,
      id: prefix + i.id,
      collectionId: prefix + i.collectionId,
      parentId: id(i.parentId),
    })),
  }
}

describe('workspace files round trip over every fixture collection', async () => {
  const fixtures = await fixtureCollections()
  it('found the fixtures (Postman and OpenAPI)', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8)
    expect(fixtures.some((f) => f.source.includes('.postman_collection.json'))).toBe(true)
    expect(fixtures.some((f) => f.source.endsWith('petstore.yaml'))).toBe(true)
    expect(fixtures.some((f) => f.source.includes('digitalocean'))).toBe(true)
  })
  for (const { source, tree } of fixtures) {
    it(`${source.split('/fixtures/')[1]}: model → files → model is deep-equal, files → load → files byte-identical`, () => {
      const files = filesOfCollection(tree)
      const loaded = loadWorkspaceFiles(files, { secrets: secretsOfCollection(tree) })
      expect(loaded.problems).toEqual([])
      expect(loaded.collections).toHaveLength(1)
      expect(byId(loaded.collections[0]!)).toEqual(byId(tree))
      const again = filesOfCollection(loaded.collections[0]!)
      expect(again).toEqual(files)
    })
  }
  it('all fixtures side by side in one workspace load back byte-identical', () => {
    // Imports number their ids from 1 each time: made unique per fixture, as the store's would be.
    const trees = fixtures.map((f, n) => withIdPrefix(f.tree, `x${n}-`))
    const files = filesOfWorkspace(trees, [])
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length)
    const loaded = loadWorkspaceFiles(files, { secrets: trees.flatMap(secretsOfCollection) })
    expect(loaded.problems).toEqual([])
    const cmp = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)
    expect(loaded.collections.map(byId).sort(cmp)).toEqual(trees.map(byId).sort(cmp))
    const byPath = (list: { path: string }[]) => [...list].sort((a, b) => (a.path < b.path ? -1 : 1))
    expect(byPath(filesOfWorkspace(loaded.collections, []))).toEqual(byPath(files))
  })
})
