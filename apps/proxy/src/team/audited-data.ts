import type { CollectionStore } from '../storage/collection-store.js'
import type { EnvironmentStore } from '../storage/environment-store.js'
import type { AuditStore } from '../storage/audit-store.js'
import type { WorkspaceData } from '../storage/store.js'
import type { Scope } from './scope.js'

/** What the request was: `POST /api/import/commit` (method and matched route pattern). */
export type AuditSource = string

const BOOKKEEPING = new Set(['id', 'version', 'updatedAt', 'items', 'collectionId', 'parentId', 'position'])

/** The fields a write changed, by name (never their values): what differs between before and after. */
function changedFields(before: object | undefined, after: object): string[] {
  const old = (before ?? {}) as Record<string, unknown>
  return Object.entries(after)
    .filter(([key, value]) => !BOOKKEEPING.has(key) && JSON.stringify(value) !== JSON.stringify(old[key]))
    .map(([key]) => key)
}

type Named = { name: string }
/** The variables a write added, removed or changed, by name. */
function changedVariables(before: readonly Named[] = [], after: readonly Named[]): string[] {
  const text = (list: readonly Named[]) => new Map(list.map((v) => [v.name, JSON.stringify(v)]))
  const [old, now] = [text(before), text(after)]
  const names = new Set([...old.keys(), ...now.keys()])
  return [...names].filter((name) => old.get(name) !== now.get(name))
}

/**
 * A workspace's stores that write an audit entry after every change to a shared item: who (the
 * scope's actor), what (a dotted action, the item's id as target, a summary in names and counts,
 * never a value), when (the entry's time). Applied where the scope is built
 * (plugins/workspace-scope.ts), so no route can change a shared item without it.
 */
export function auditedScope(scope: Scope, audit: AuditStore, source: AuditSource): Scope {
  const record = (action: string, target: string | null, detail: Record<string, unknown>) =>
    audit.append({ userId: scope.actor.userId, workspaceId: scope.workspaceId, action, target, detail })
  const importing = source.includes('/api/import/')
  return { ...scope, data: auditedData(scope.data, record, importing) }
}

type Recorder = (action: string, target: string | null, detail: Record<string, unknown>) => Promise<void>

function auditedData(data: WorkspaceData, record: Recorder, importing: boolean): WorkspaceData {
  return {
    ...data,
    collections: auditedCollections(data.collections, record, importing),
    environments: auditedEnvironments(data.environments, record, importing),
    versions: {
      list: (kind, id) => data.versions.list(kind, id),
      get: (kind, id, version) => data.versions.get(kind, id, version),
      async restore(kind, id, version) {
        const restored = await data.versions.restore(kind, id, version)
        await record(`${kind}.restore`, id, { from: 'version', version, newVersion: restored.version })
        return restored
      },
    },
    trash: {
      list: () => data.trash.list(),
      purge: () => data.trash.purge(),
      async restore(id) {
        const restored = await data.trash.restore(id)
        await record(`${restored.kind}.restore`, restored.id, { from: 'trash', where: restored.where })
        return restored
      },
      async remove(id) {
        const removed = await data.trash.remove(id)
        if (removed) await record('trash.delete', id, {})
        return removed
      },
    },
  }
}

function auditedCollections(store: CollectionStore, record: Recorder, importing: boolean): CollectionStore {
  return {
    list: () => store.list(),
    get: (id) => store.get(id),
    getItem: (id) => store.getItem(id),
    lineage: (id) => store.lineage(id),
    async create(name) {
      const created = await store.create(name)
      await record('collection.create', created.id, { name })
      return created
    },
    async update(id, patch) {
      const before = await store.get(id)
      const updated = await store.update(id, patch)
      await record('collection.update', id, { name: updated.name, fields: changedFields(before, updated) })
      return updated
    },
    async remove(id) {
      const removed = await store.remove(id)
      await record('collection.delete', id, { name: removed.collection?.name ?? null, items: removed.items.length })
      return removed
    },
    async duplicate(id) {
      const copy = await store.duplicate(id)
      await record('collection.duplicate', copy.id, { from: id, name: copy.name, items: copy.items.length })
      return copy
    },
    async restore(removed) {
      await store.restore(removed)
      const target = removed.collection?.id ?? removed.items[0]?.id ?? null
      const what = removed.collection ? 'collection' : 'item'
      await record(importing ? `${what}.import` : `${what}.restore`, target, {
        name: removed.collection?.name ?? removed.items[0]?.name ?? null,
        items: removed.items.length,
      })
    },
    async createItem(input) {
      const item = await store.createItem(input)
      await record('item.create', item.id, { kind: item.kind, name: item.name, collectionId: item.collectionId })
      return item
    },
    async updateItem(id, patch) {
      const before = await store.getItem(id)
      const item = await store.updateItem(id, patch)
      await record('item.update', id, { kind: item.kind, name: item.name, fields: changedFields(before, item) })
      return item
    },
    async moveItem(id, move) {
      await store.moveItem(id, move)
      const item = await store.getItem(id)
      await record('item.move', id, { name: item?.name ?? null, ...move })
    },
    async duplicateItem(id) {
      const copy = await store.duplicateItem(id)
      await record('item.duplicate', copy.id, { from: id, kind: copy.kind, name: copy.name })
      return copy
    },
    async removeItem(id) {
      const removed = await store.removeItem(id)
      const item = removed.items.find((one) => one.id === id)
      await record('item.delete', id, {
        kind: item?.kind ?? null,
        name: item?.name ?? null,
        items: removed.items.length,
      })
      return removed
    },
  }
}

function auditedEnvironments(store: EnvironmentStore, record: Recorder, importing: boolean): EnvironmentStore {
  return {
    async restore(environment, trashId) {
      await store.restore(environment, trashId)
      await record('environment.restore', environment.id, { name: environment.name, from: 'trash' })
    },
    list: () => store.list(),
    get: (id) => store.get(id),
    async create(name, variables) {
      const created = await store.create(name, variables)
      await record(importing ? 'environment.import' : 'environment.create', created.id, {
        name,
        variables: variables.length,
      })
      return created
    },
    async update(id, patch) {
      const before = await store.get(id)
      const updated = await store.update(id, patch)
      await record(importing ? 'environment.import' : 'environment.update', id, {
        name: updated.name,
        fields: changedFields(before, updated),
        variables: changedVariables(before?.variables, updated.variables),
      })
      return updated
    },
    async remove(id) {
      const before = await store.get(id)
      const removed = await store.remove(id)
      if (removed) await record('environment.delete', id, { name: before?.name ?? null })
      return removed
    },
    async duplicate(id) {
      const copy = await store.duplicate(id)
      await record('environment.duplicate', copy.id, { from: id, name: copy.name })
      return copy
    },
    async setVariable(id, name, value) {
      const updated = await store.setVariable(id, name, value)
      await record('environment.capture', id, { name: updated.name, variable: name })
      return updated
    },
  }
}
