import { GLOBALS_ID, type CollectionItem, type Environment, type Removed } from '@courier/shared'
import type { ImportCommitted, ImportResult } from '@courier/shared/convert'
import type { WorkspaceData } from '../storage/store.js'
import { newId } from '../ids.js'

/**
 * Stores an import: each collection in one transaction (the store's restore path, with fresh
 * ids), each environment created, globals merged by name. Names and values are stored as
 * data; nothing in them is interpreted.
 */
export async function commitImport(
  store: WorkspaceData,
  result: Pick<ImportResult, 'collections' | 'environments'>,
): Promise<ImportCommitted> {
  const now = new Date().toISOString()
  const collections = []
  for (const tree of result.collections) {
    const collectionId = newId()
    const ids = new Map(tree.items.map((item) => [item.id, newId()]))
    const items: CollectionItem[] = tree.items.map((item) => ({
      ...item,
      id: ids.get(item.id)!,
      collectionId,
      parentId: item.parentId === null ? null : (ids.get(item.parentId) ?? null),
      version: 1,
      updatedAt: now,
    }))
    const { items: _items, ...collection } = tree
    const removed: Removed = { collection: { ...collection, id: collectionId, version: 1, updatedAt: now }, items }
    await store.collections.restore(removed)
    const stored = await store.collections.get(collectionId)
    if (stored) collections.push(stored)
  }
  const environments: Environment[] = []
  for (const env of result.environments) {
    if (env.globals) {
      const globals = (await store.environments.get(GLOBALS_ID))!
      const merged = [
        ...globals.variables.filter((v) => !env.variables.some((n) => n.name === v.name)),
        ...env.variables,
      ]
      environments.push(await store.environments.update(GLOBALS_ID, { version: globals.version, variables: merged }))
    } else environments.push(await store.environments.create(env.name, env.variables))
  }
  return { collections, environments }
}
