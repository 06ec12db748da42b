import type { ChangeEvent, Removed } from '@courier/shared'
import type { CollectionStore } from './collection-store.js'
import type { EnvironmentStore } from './environment-store.js'
import type { WorkspaceData } from './store.js'
import type { TrashStore } from './trash-store.js'
import type { VersionStore } from './version-store.js'

/** What a write changed; the caller stamps workspace, actor, page, instance and time on it. */
export type Change = Pick<ChangeEvent, 'kind' | 'id' | 'version' | 'action'>
export type PublishChange = (change: Change) => Promise<void>

const saved = (kind: Change['kind'], thing: { id: string; version: number }): Change => ({
  kind,
  id: thing.id,
  version: thing.version,
  action: 'saved',
})
const deleted = (kind: Change['kind'], id: string): Change => ({ kind, id, version: null, action: 'deleted' })

/** A delete or its undo touches a collection, or items of one: the collection's id when it was removed whole. */
function removedChange(removed: Removed, action: Change['action']): Change {
  if (removed.collection) return { kind: 'collection', id: removed.collection.id, version: null, action }
  const first = removed.items[0]
  return { kind: 'item', id: first?.id ?? '', version: null, action }
}

/**
 * The workspace's stores, where every successful write also publishes what it changed. Applied
 * where a request's scope is built, so no route can forget it; reads pass straight through.
 */
export function publishingData(data: WorkspaceData, publish: PublishChange): WorkspaceData {
  const c = data.collections
  const e = data.environments
  const after = async <T>(write: Promise<T>, change: (result: T) => Change | null): Promise<T> => {
    const result = await write
    const changed = change(result)
    if (changed) await publish(changed)
    return result
  }
  const collections: CollectionStore = {
    list: () => c.list(),
    get: (id) => c.get(id),
    getItem: (id) => c.getItem(id),
    lineage: (id) => c.lineage(id),
    create: (name) => after(c.create(name), (tree) => saved('collection', tree)),
    update: (id, patch) => after(c.update(id, patch), (collection) => saved('collection', collection)),
    remove: (id) => after(c.remove(id), (removed) => removedChange(removed, 'deleted')),
    duplicate: (id) => after(c.duplicate(id), (tree) => saved('collection', tree)),
    restore: (removed) => after(c.restore(removed), () => removedChange(removed, 'saved')),
    createItem: (input) => after(c.createItem(input), (item) => saved('item', item)),
    updateItem: (id, patch) => after(c.updateItem(id, patch), (item) => saved('item', item)),
    moveItem: (id, move) => after(c.moveItem(id, move), () => ({ kind: 'item', id, version: null, action: 'saved' })),
    duplicateItem: (id) => after(c.duplicateItem(id), (item) => saved('item', item)),
    removeItem: (id) => after(c.removeItem(id), () => deleted('item', id)),
  }
  const environments: EnvironmentStore = {
    list: () => e.list(),
    get: (id) => e.get(id),
    create: (name, variables) => after(e.create(name, variables), (env) => saved('environment', env)),
    update: (id, patch) => after(e.update(id, patch), (env) => saved('environment', env)),
    remove: (id) => after(e.remove(id), (found) => (found ? deleted('environment', id) : null)),
    duplicate: (id) => after(e.duplicate(id), (env) => saved('environment', env)),
    setVariable: (id, name, value) => after(e.setVariable(id, name, value), (env) => saved('environment', env)),
    restore: (environment, trashId) =>
      after(e.restore(environment, trashId), () => ({
        kind: 'environment',
        id: environment.id,
        version: null,
        action: 'saved',
      })),
  }
  const v = data.versions
  const t = data.trash
  // A restore writes a new version (or puts a deleted thing back): open pages hear of it like any save.
  const versions: VersionStore = {
    list: (kind, id) => v.list(kind, id),
    get: (kind, id, version) => v.get(kind, id, version),
    restore: (kind, id, version) =>
      after(v.restore(kind, id, version), (detail) => ({ kind, id, version: detail.version, action: 'saved' })),
  }
  const trash: TrashStore = {
    list: () => t.list(),
    remove: (id) => t.remove(id),
    purge: () => t.purge(),
    restore: (id) =>
      after(t.restore(id), (restored) => ({
        kind: restored.kind === 'collection' || restored.kind === 'environment' ? restored.kind : 'item',
        id: restored.id,
        version: null,
        action: 'saved',
      })),
  }
  return { collections, environments, versions, trash }
}
