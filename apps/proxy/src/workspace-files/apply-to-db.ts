import {
  GLOBALS_ID,
  InheritableSchema,
  RequestSpecSchema,
  type CollectionItem,
  type CollectionTree,
  type Environment,
} from '@courier/shared'
import type { WorkspaceData } from '../storage/store.js'

/** Files carry no times: what they add to the database is stamped now. */
const now = () => new Date().toISOString()
const json = (value: unknown) => JSON.stringify(value)

/**
 * The version a thing read from the files starts at: past every version kept of that id (a request
 * deleted and put back by a branch switch continues its history, so a save's merge never reads an old one).
 */
async function nextVersion(data: WorkspaceData, kind: 'collection' | 'item' | 'environment', id: string) {
  const kept = await data.versions.list(kind, id).catch(() => [])
  return kept.reduce((max, v) => Math.max(max, v.version), 0) + 1
}
const inheritable = (node: object) => {
  const { description, auth, headers, variables, scripts } = InheritableSchema.parse(node)
  return { description, auth, headers, variables, scripts }
}
const sameInheritable = (a: object, b: object) => json(inheritable(a)) === json(inheritable(b))
const sameRequest = (a: unknown, b: unknown) => json(RequestSpecSchema.parse(a)) === json(RequestSpecSchema.parse(b))

/** Where an item sits: its parent's key (a folder's id, or the collection's top). */
const keyOf = (item: { collectionId: string; parentId: string | null }) => item.parentId ?? `top:${item.collectionId}`

function childrenOf(items: readonly CollectionItem[]): Map<string, string[]> {
  const out = new Map<string, CollectionItem[]>()
  for (const item of items) out.set(keyOf(item), [...(out.get(keyOf(item)) ?? []), item])
  const ids = new Map<string, string[]>()
  for (const [key, list] of out)
    ids.set(
      key,
      [...list]
        .sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((i) => i.id),
    )
  return ids
}

/**
 * Makes the database hold `targets` (collections read from the files, ids kept): new collections and
 * items are put in as an import or an undo puts them (restore), changed fields saved as edits (a
 * version each), order and parents fixed with moves, items the files no longer have deleted (to the
 * trash). `keep`: item ids some file still holds (never deleted here). Then `deletes` are removed.
 */
export async function applyCollections(
  data: WorkspaceData,
  targets: readonly CollectionTree[],
  deletes: readonly string[],
  keep: ReadonlySet<string>,
): Promise<void> {
  const c = data.collections
  if (targets.length > 0) {
    let db = await c.list()
    const dbCollections = new Map(db.map((t) => [t.id, t]))
    let dbItems = new Map(db.flatMap((t) => t.items).map((i) => [i.id, i]))
    for (const tree of targets) {
      const { items: _items, ...collection } = tree
      const current = dbCollections.get(tree.id)
      if (!current) {
        const version = await nextVersion(data, 'collection', tree.id)
        await c.restore({ collection: { ...collection, version, updatedAt: now() }, items: [] })
      } else if (current.name !== tree.name || !sameInheritable(current, tree))
        await c.update(tree.id, { version: current.version, name: tree.name, ...inheritable(tree) })
    }
    // An id that changed kind (a request file replaced by a folder of the same id) is deleted, then put in anew.
    for (const tree of targets)
      for (const item of tree.items) {
        const current = dbItems.get(item.id)
        if (current && current.kind !== item.kind) {
          await c.removeItem(item.id).catch(() => undefined)
          dbItems.delete(item.id)
        }
      }
    for (const tree of targets) {
      const fresh = tree.items.filter((i) => !dbItems.has(i.id))
      const items: CollectionItem[] = []
      for (const i of fresh) items.push({ ...i, version: await nextVersion(data, 'item', i.id), updatedAt: now() })
      if (items.length > 0) await c.restore({ collection: null, items })
    }
    for (const tree of targets)
      for (const item of tree.items) {
        const current = dbItems.get(item.id)
        if (!current) continue
        if (item.kind === 'request' && current.kind === 'request') {
          if (current.name !== item.name || !sameRequest(current.request, item.request))
            await c.updateItem(item.id, { version: current.version, name: item.name, request: item.request })
        } else if (item.kind === 'folder' && current.kind === 'folder') {
          if (current.name !== item.name || !sameInheritable(current, item))
            await c.updateItem(item.id, { version: current.version, name: item.name, ...inheritable(item) })
        }
      }
    // Order and parents, top down: a folder is in place before its children are put in it.
    db = await c.list()
    const sim = childrenOf(db.flatMap((t) => t.items))
    const where = new Map<string, string>()
    for (const [key, ids] of sim) for (const id of ids) where.set(id, key)
    for (const tree of targets) {
      const wanted = childrenOf(tree.items)
      const walk = async (key: string, parentId: string | null) => {
        const list = wanted.get(key) ?? []
        for (const [index, id] of list.entries()) {
          const current = sim.get(key) ?? []
          if (current[index] !== id) {
            await c.moveItem(id, { collectionId: tree.id, parentId, index })
            const from = where.get(id)
            if (from)
              sim.set(
                from,
                (sim.get(from) ?? []).filter((x) => x !== id),
              )
            const next = (sim.get(key) ?? []).filter((x) => x !== id)
            next.splice(Math.min(index, next.length), 0, id)
            sim.set(key, next)
            where.set(id, key)
          }
        }
        for (const id of list) if (wanted.has(id)) await walk(id, id)
      }
      await walk(`top:${tree.id}`, null)
    }
    db = await c.list()
    dbItems = new Map(db.flatMap((t) => t.items).map((i) => [i.id, i]))
    const targetIds = new Set(targets.map((t) => t.id))
    const gone = new Set(
      [...dbItems.values()].filter((i) => targetIds.has(i.collectionId) && !keep.has(i.id)).map((i) => i.id),
    )
    for (const id of gone) {
      const parent = dbItems.get(id)!.parentId
      if (parent === null || !gone.has(parent)) await c.removeItem(id)
    }
  }
  for (const id of deletes) await c.remove(id)
}

/** Makes the database hold `targets` (environments read from the files, ids kept) and removes `deletes`. */
export async function applyEnvironments(
  data: WorkspaceData,
  targets: readonly Environment[],
  deletes: readonly string[],
): Promise<void> {
  const e = data.environments
  if (targets.length > 0) {
    const db = new Map((await e.list()).map((env) => [env.id, env]))
    for (const env of targets) {
      const current = db.get(env.id)
      const variables = env.variables.map(({ name, value, enabled, secret }) => ({ name, value, enabled, secret }))
      if (!current) {
        // Restore puts it in with its id kept; no trash entry has this id, so none is taken out.
        const version = await nextVersion(data, 'environment', env.id)
        await e.restore({ ...env, variables, version, updatedAt: now() }, `workspace-files:${env.id}`)
      } else if (current.name !== env.name || json(strip(current.variables)) !== json(variables)) {
        const name = env.id === GLOBALS_ID ? undefined : env.name
        await e.update(env.id, { version: current.version, ...(name ? { name } : {}), variables })
      }
    }
  }
  for (const id of deletes) if (id !== GLOBALS_ID) await e.remove(id)
}

const strip = (variables: Environment['variables']) =>
  variables.map(({ name, value, enabled, secret }) => ({ name, value, enabled, secret }))
