import {
  CollectionItemSchema,
  CollectionSchema,
  InheritableSchema,
  upgradeSavedRequest,
  SAVED_REQUEST_VERSION,
  type Collection,
  type CollectionItem,
  type CollectionTree,
  type CreateItem,
  type Folder,
  type Inheritable,
  type MoveItem,
  type Removed,
  type UpdateCollection,
  type UpdateItem,
} from '@courier/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { CollectionItemTable, CollectionTable, Database } from './schema.js'
import { openVariables, sealVariables } from './sealed-variables.js'
import { changedOneRow } from './versioned-write.js'

type Db = Kysely<Database> | Transaction<Database>

export interface CollectionStore {
  list(): Promise<CollectionTree[]>
  get(id: string): Promise<CollectionTree | undefined>
  create(name: string): Promise<CollectionTree>
  update(id: string, patch: UpdateCollection): Promise<Collection>
  remove(id: string): Promise<Removed>
  duplicate(id: string): Promise<CollectionTree>
  /** Puts back what a delete removed (undo). */
  restore(removed: Removed): Promise<void>
  createItem(input: CreateItem): Promise<CollectionItem>
  getItem(id: string): Promise<CollectionItem | undefined>
  updateItem(id: string, patch: UpdateItem): Promise<CollectionItem>
  moveItem(id: string, move: MoveItem): Promise<void>
  duplicateItem(id: string): Promise<CollectionItem>
  removeItem(id: string): Promise<Removed>
  /** The collection and folders (outermost first) a saved request inherits from. */
  lineage(itemId: string): Promise<{ collection: Collection; folders: Folder[]; item: CollectionItem } | undefined>
}

const now = () => new Date().toISOString()

function conflict(current: unknown): CourierError {
  return new CourierError(
    'STORAGE_CONFLICT',
    'Someone else changed this since you loaded it. Reload to see their version, or overwrite it with yours.',
    { details: { current } },
  )
}

export function createCollectionStore(db: Kysely<Database>, box: SecretBox): CollectionStore {
  const inheritableToJson = (data: Inheritable) =>
    JSON.stringify({ ...data, variables: sealVariables(data.variables, box) })
  const inheritableFromJson = (json: string): Inheritable => {
    const data = InheritableSchema.parse(JSON.parse(json))
    return { ...data, variables: openVariables(data.variables, box) }
  }

  const toCollection = (row: Selectable<CollectionTable>): Collection =>
    CollectionSchema.parse({
      ...inheritableFromJson(row.data_json),
      id: row.id,
      name: row.name,
      version: Number(row.version),
      updatedAt: row.updated_at,
      schemaVersion: 1,
    })

  const toItem = (row: Selectable<CollectionItemTable>): CollectionItem => {
    const base = {
      id: row.id,
      collectionId: row.collection_id,
      parentId: row.parent_id,
      name: row.name,
      position: Number(row.position),
      version: Number(row.version),
      updatedAt: row.updated_at,
    }
    if (row.kind === 'folder')
      return CollectionItemSchema.parse({ ...inheritableFromJson(row.data_json), ...base, kind: 'folder' })
    return CollectionItemSchema.parse({
      ...base,
      kind: 'request',
      request: upgradeSavedRequest(JSON.parse(row.data_json)).request,
    })
  }

  const itemData = (item: CollectionItem): string =>
    item.kind === 'folder'
      ? inheritableToJson(item)
      : JSON.stringify({ schemaVersion: SAVED_REQUEST_VERSION, request: item.request })

  async function itemsOf(tx: Db, collectionId: string): Promise<CollectionItem[]> {
    const rows = await tx
      .selectFrom('collection_items')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .orderBy('position')
      .orderBy('name')
      .execute()
    return treeOrder(rows.map(toItem))
  }

  async function tree(tx: Db, row: Selectable<CollectionTable>): Promise<CollectionTree> {
    return { ...toCollection(row), items: await itemsOf(tx, row.id) }
  }

  /** The item and every item below it. */
  async function subtree(tx: Db, id: string): Promise<CollectionItem[]> {
    const root = await tx.selectFrom('collection_items').selectAll().where('id', '=', id).executeTakeFirst()
    if (!root) return []
    const all = await itemsOf(tx, root.collection_id)
    const item = all.find((i) => i.id === id)
    return item ? [item, ...descendants(all, id)] : []
  }

  async function insertItem(tx: Db, item: CollectionItem): Promise<void> {
    await tx
      .insertInto('collection_items')
      .values({
        id: item.id,
        collection_id: item.collectionId,
        parent_id: item.parentId,
        kind: item.kind,
        name: item.name,
        position: item.position,
        data_json: itemData(item),
        version: item.version,
        updated_at: item.updatedAt,
      })
      .execute()
  }

  async function nextPosition(tx: Db, collectionId: string, parentId: string | null): Promise<number> {
    let query = tx
      .selectFrom('collection_items')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('collection_id', '=', collectionId)
    query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId)
    const row = await query.executeTakeFirst()
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1
  }

  async function requireCollection(tx: Db, id: string): Promise<Selectable<CollectionTable>> {
    const row = await tx.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new CourierError('NOT_FOUND', 'That collection no longer exists.')
    return row
  }

  async function requireParent(tx: Db, collectionId: string, parentId: string | null): Promise<void> {
    if (parentId === null) return
    const parent = await tx
      .selectFrom('collection_items')
      .select(['kind', 'collection_id'])
      .where('id', '=', parentId)
      .executeTakeFirst()
    if (!parent || parent.kind !== 'folder' || parent.collection_id !== collectionId) {
      throw new CourierError('NOT_FOUND', 'That folder no longer exists in this collection.', { field: 'parentId' })
    }
  }

  async function nextCollectionPosition(tx: Db): Promise<number> {
    const last = await tx
      .selectFrom('collections')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst()
    return Number(last?.max ?? -1) + 1
  }

  /** Copies items with fresh ids, keeping their shape; answers the copies (root first). */
  function cloneItems(
    items: CollectionItem[],
    collectionId: string,
    rootParent: string | null,
    renameRoot: boolean,
  ): CollectionItem[] {
    const ids = new Map(items.map((item) => [item.id, newId()]))
    return items.map((item, index) => ({
      ...item,
      id: ids.get(item.id)!,
      collectionId,
      parentId: index === 0 ? rootParent : (ids.get(item.parentId ?? '') ?? item.parentId),
      name: index === 0 && renameRoot ? `${item.name} copy` : item.name,
      version: 1,
      updatedAt: now(),
    }))
  }

  return {
    async list() {
      const rows = await db.selectFrom('collections').selectAll().orderBy('position').orderBy('name').execute()
      const items = (
        await db.selectFrom('collection_items').selectAll().orderBy('position').orderBy('name').execute()
      ).map(toItem)
      return rows.map((row) => ({
        ...toCollection(row),
        items: treeOrder(items.filter((item) => item.collectionId === row.id)),
      }))
    },

    async get(id) {
      const row = await db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? tree(db, row) : undefined
    },

    async create(name) {
      const row = {
        id: newId(),
        name,
        data_json: inheritableToJson(InheritableSchema.parse({})),
        position: await nextCollectionPosition(db),
        version: 1,
        updated_at: now(),
      }
      await db.insertInto('collections').values(row).execute()
      return { ...toCollection(row), items: [] }
    },

    async update(id, patch) {
      const row = await requireCollection(db, id)
      const current = toCollection(row)
      if (Number(row.version) !== patch.version) throw conflict(current)
      const { version: _version, name, ...rest } = patch
      const next = { ...current, ...rest, ...(name === undefined ? {} : { name }) }
      const updated = {
        name: next.name,
        data_json: inheritableToJson(next),
        version: current.version + 1,
        updated_at: now(),
      }
      const result = await db
        .updateTable('collections')
        .set(updated)
        .where('id', '=', id)
        .where('version', '=', patch.version)
        .executeTakeFirst()
      if (!changedOneRow(result)) throw conflict(toCollection(await requireCollection(db, id)))
      return { ...next, version: updated.version, updatedAt: updated.updated_at }
    },

    async remove(id) {
      return db.transaction().execute(async (tx) => {
        const row = await requireCollection(tx, id)
        const removed = { collection: toCollection(row), items: await itemsOf(tx, id) }
        await tx.deleteFrom('collection_items').where('collection_id', '=', id).execute()
        await tx.deleteFrom('collections').where('id', '=', id).execute()
        return removed
      })
    },

    async duplicate(id) {
      return db.transaction().execute(async (tx) => {
        const source = await tree(tx, await requireCollection(tx, id))
        const copy: Collection = { ...source, id: newId(), name: `${source.name} copy`, version: 1, updatedAt: now() }
        await tx
          .insertInto('collections')
          .values({
            id: copy.id,
            name: copy.name,
            data_json: inheritableToJson(copy),
            position: await nextCollectionPosition(tx),
            version: 1,
            updated_at: copy.updatedAt,
          })
          .execute()
        // Roots first, then every item below each, so parents exist before children.
        const copies: CollectionItem[] = []
        for (const root of source.items.filter((item) => item.parentId === null)) {
          const family = [root, ...descendants(source.items, root.id)]
          copies.push(...cloneItems(family, copy.id, null, false))
        }
        for (const item of copies) await insertItem(tx, item)
        return { ...copy, items: copies }
      })
    },

    async restore(removed) {
      await db.transaction().execute(async (tx) => {
        const { collection } = removed
        if (collection) {
          const exists = await tx
            .selectFrom('collections')
            .select('id')
            .where('id', '=', collection.id)
            .executeTakeFirst()
          if (!exists) {
            await tx
              .insertInto('collections')
              .values({
                id: collection.id,
                name: collection.name,
                data_json: inheritableToJson(collection),
                position: await nextCollectionPosition(tx),
                version: collection.version,
                updated_at: now(),
              })
              .execute()
          }
        }
        for (const item of removed.items) {
          await requireCollection(tx, item.collectionId)
          const exists = await tx
            .selectFrom('collection_items')
            .select('id')
            .where('id', '=', item.id)
            .executeTakeFirst()
          if (!exists) await insertItem(tx, item)
        }
      })
    },

    async createItem(input) {
      return db.transaction().execute(async (tx) => {
        await requireCollection(tx, input.collectionId)
        const parentId = input.parentId ?? null
        await requireParent(tx, input.collectionId, parentId)
        const base = {
          id: newId(),
          collectionId: input.collectionId,
          parentId,
          name: input.name,
          position: await nextPosition(tx, input.collectionId, parentId),
          version: 1,
          updatedAt: now(),
        }
        const item: CollectionItem =
          input.kind === 'folder'
            ? { ...InheritableSchema.parse({}), ...base, kind: 'folder' }
            : CollectionItemSchema.parse({ ...base, kind: 'request', request: input.request })
        await insertItem(tx, item)
        return item
      })
    },

    async getItem(id) {
      const row = await db.selectFrom('collection_items').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toItem(row) : undefined
    },

    async updateItem(id, patch) {
      const read = async () => {
        const row = await db.selectFrom('collection_items').selectAll().where('id', '=', id).executeTakeFirst()
        if (!row) throw new CourierError('NOT_FOUND', 'That request or folder no longer exists.')
        return toItem(row)
      }
      const current = await read()
      if (current.version !== patch.version) throw conflict(current)
      const { version: _version, name, request, ...inheritable } = patch
      const next: CollectionItem =
        current.kind === 'folder'
          ? { ...current, ...inheritable, ...(name === undefined ? {} : { name }) }
          : { ...current, ...(name === undefined ? {} : { name }), ...(request === undefined ? {} : { request }) }
      const updated = { ...next, version: current.version + 1, updatedAt: now() }
      const result = await db
        .updateTable('collection_items')
        .set({
          name: updated.name,
          data_json: itemData(updated),
          version: updated.version,
          updated_at: updated.updatedAt,
        })
        .where('id', '=', id)
        .where('version', '=', patch.version)
        .executeTakeFirst()
      if (!changedOneRow(result)) throw conflict(await read())
      return updated
    },

    async moveItem(id, move) {
      await db.transaction().execute(async (tx) => {
        const family = await subtree(tx, id)
        if (family.length === 0) throw new CourierError('NOT_FOUND', 'That request or folder no longer exists.')
        await requireCollection(tx, move.collectionId)
        await requireParent(tx, move.collectionId, move.parentId)
        if (move.parentId !== null && family.some((item) => item.id === move.parentId)) {
          throw new CourierError('INVALID_REQUEST', 'A folder cannot move into itself.', { field: 'parentId' })
        }
        // The family follows to the new collection; the moved item takes its place among its new siblings.
        for (const item of family) {
          await tx
            .updateTable('collection_items')
            .set({ collection_id: move.collectionId, updated_at: now() })
            .where('id', '=', item.id)
            .execute()
        }
        let siblings = tx
          .selectFrom('collection_items')
          .select('id')
          .where('collection_id', '=', move.collectionId)
          .where('id', '!=', id)
          .orderBy('position')
          .orderBy('name')
        siblings =
          move.parentId === null
            ? siblings.where('parent_id', 'is', null)
            : siblings.where('parent_id', '=', move.parentId)
        const order = (await siblings.execute()).map((row) => row.id)
        order.splice(Math.min(move.index, order.length), 0, id)
        for (const [position, siblingId] of order.entries()) {
          await tx
            .updateTable('collection_items')
            .set({ position, ...(siblingId === id ? { parent_id: move.parentId } : {}) })
            .where('id', '=', siblingId)
            .execute()
        }
      })
    },

    async duplicateItem(id) {
      return db.transaction().execute(async (tx) => {
        const family = await subtree(tx, id)
        if (family.length === 0) throw new CourierError('NOT_FOUND', 'That request or folder no longer exists.')
        const root = family[0]!
        const copies = cloneItems(family, root.collectionId, root.parentId, true)
        copies[0] = { ...copies[0]!, position: root.position + 0.5 }
        for (const item of copies) await insertItem(tx, item)
        return copies[0]!
      })
    },

    async removeItem(id) {
      return db.transaction().execute(async (tx) => {
        const family = await subtree(tx, id)
        if (family.length === 0) throw new CourierError('NOT_FOUND', 'That request or folder no longer exists.')
        for (const item of [...family].reverse())
          await tx.deleteFrom('collection_items').where('id', '=', item.id).execute()
        return { collection: null, items: family }
      })
    },

    async lineage(itemId) {
      const row = await db.selectFrom('collection_items').selectAll().where('id', '=', itemId).executeTakeFirst()
      if (!row) return undefined
      const collectionRow = await db
        .selectFrom('collections')
        .selectAll()
        .where('id', '=', row.collection_id)
        .executeTakeFirst()
      if (!collectionRow) return undefined
      // Every send of a saved request asks this: only folder rows are read, and only its ancestors parsed.
      const folderRows = await db
        .selectFrom('collection_items')
        .selectAll()
        .where('collection_id', '=', row.collection_id)
        .where('kind', '=', 'folder')
        .execute()
      const byId = new Map(folderRows.map((folderRow) => [folderRow.id, folderRow]))
      const folders: Folder[] = []
      let parentId = row.parent_id
      while (parentId) {
        const parentRow = byId.get(parentId)
        const parent = parentRow && toItem(parentRow)
        if (!parent || parent.kind !== 'folder') break
        folders.unshift(parent)
        parentId = parent.parentId
      }
      return { collection: toCollection(collectionRow), folders, item: toItem(row) }
    },
  }
}

/** Depth first: each folder followed by what is inside it; siblings keep their (position-sorted) order. */
export function treeOrder(items: readonly CollectionItem[]): CollectionItem[] {
  const known = new Set(items.map((item) => item.id))
  const roots = items.filter((item) => item.parentId === null || !known.has(item.parentId))
  return roots.flatMap((root) => [root, ...descendants(items, root.id)])
}

function descendants(items: readonly CollectionItem[], id: string): CollectionItem[] {
  const children = items.filter((item) => item.parentId === id)
  return children.flatMap((child) => [child, ...descendants(items, child.id)])
}
