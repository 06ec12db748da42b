import { CollectionItemSchema, InheritableSchema, type CollectionItem, type Folder } from '@courier/shared'
import type { Kysely } from 'kysely'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { CollectionQueries } from './collection-queries.js'
import { conflict, now, type CollectionRows } from './collection-rows.js'
import type { CollectionStore } from './collection-store.js'
import type { Database } from './schema.js'
import { changedOneRow } from './versioned-write.js'

type ItemMethods = Pick<
  CollectionStore,
  'createItem' | 'getItem' | 'updateItem' | 'moveItem' | 'duplicateItem' | 'removeItem' | 'lineage'
>

/** The store's operations on requests and folders. */
export function collectionItemMethods(
  db: Kysely<Database>,
  { toCollection, toItem, itemData }: CollectionRows,
  { subtree, insertItem, nextPosition, requireCollection, requireParent, cloneItems }: CollectionQueries,
): ItemMethods {
  return {
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
