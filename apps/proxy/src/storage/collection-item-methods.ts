import { CollectionItemSchema, InheritableSchema, mergeItem, type CollectionItem, type Folder } from '@courier/shared'
import type { Kysely } from 'kysely'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { CollectionQueries } from './collection-queries.js'
import { now, type CollectionRows } from './collection-rows.js'
import type { CollectionStore } from './collection-store.js'
import type { Database } from './schema.js'
import { changedOneRow } from './versioned-write.js'
import { writeTransaction } from './write-transaction.js'
import type { VersionLog } from './version-log.js'
import type { TrashLog } from './trash-log.js'
import { saveMerging } from './merge-save.js'

type ItemMethods = Pick<
  CollectionStore,
  'createItem' | 'getItem' | 'updateItem' | 'moveItem' | 'duplicateItem' | 'removeItem' | 'lineage'
>

/** The store's operations on requests and folders. */
export function collectionItemMethods(
  db: Kysely<Database>,
  { toCollection, toItem, itemData }: CollectionRows,
  { subtree, insertItem, nextPosition, requireCollection, requireParent, cloneItems, itemRow }: CollectionQueries,
  ws: string,
  versions: VersionLog,
  trash: TrashLog,
): ItemMethods {
  return {
    async createItem(input) {
      return writeTransaction(db, async (tx) => {
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
      const row = await db
        .selectFrom('collection_items')
        .where('workspace_id', '=', ws)
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return row ? toItem(row) : undefined
    },

    async updateItem(id, patch) {
      const { version: baseVersion, name, request, ...inheritable } = patch
      return saveMerging<CollectionItem>(baseVersion, {
        read: async () => {
          const row = await db
            .selectFrom('collection_items')
            .where('workspace_id', '=', ws)
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst()
          if (!row) throw new CourierError('NOT_FOUND', 'That request or folder no longer exists.')
          return toItem(row)
        },
        base: async (version) => {
          const kept = await versions.read(db, 'item', id, version)
          return kept && toItem(kept.snapshot as never)
        },
        author: async (version) => {
          const kept = await versions.read(db, 'item', id, version)
          return kept ? { userId: kept.user_id, at: kept.at } : null
        },
        apply: (current) =>
          current.kind === 'folder'
            ? { ...current, ...inheritable, ...(name === undefined ? {} : { name }) }
            : { ...current, ...(name === undefined ? {} : { name }), ...(request === undefined ? {} : { request }) },
        merge: mergeItem,
        conflictMessage:
          'Someone else changed the same part of this request since you opened it. Choose whose value to keep for each part, then save again.',
        write: async (next, current) => {
          const updated = { ...next, version: current.version + 1, updatedAt: now() }
          return writeTransaction(db, async (tx) => {
            const result = await tx
              .updateTable('collection_items')
              .where('workspace_id', '=', ws)
              .set({
                name: updated.name,
                data_json: itemData(updated),
                version: updated.version,
                updated_at: updated.updatedAt,
              })
              .where('id', '=', id)
              .where('version', '=', current.version)
              .executeTakeFirst()
            if (!changedOneRow(result)) return undefined
            await versions.keepBase(tx, 'item', itemRow(current))
            await versions.record(tx, 'item', itemRow(updated))
            return updated
          })
        },
      })
    },

    async moveItem(id, move) {
      await writeTransaction(db, async (tx) => {
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
            .where('workspace_id', '=', ws)
            .set({ collection_id: move.collectionId, updated_at: now() })
            .where('id', '=', item.id)
            .execute()
        }
        let siblings = tx
          .selectFrom('collection_items')
          .where('workspace_id', '=', ws)
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
            .where('workspace_id', '=', ws)
            .set({ position, ...(siblingId === id ? { parent_id: move.parentId } : {}) })
            .where('id', '=', siblingId)
            .execute()
        }
      })
    },

    async duplicateItem(id) {
      return writeTransaction(db, async (tx) => {
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
      return writeTransaction(db, async (tx) => {
        const family = await subtree(tx, id)
        if (family.length === 0) throw new CourierError('NOT_FOUND', 'That request or folder no longer exists.')
        for (const item of [...family].reverse())
          await tx.deleteFrom('collection_items').where('workspace_id', '=', ws).where('id', '=', item.id).execute()
        const removed = { collection: null, items: family }
        const collection = await requireCollection(tx, family[0]!.collectionId)
        return { ...removed, trashId: await trash.putRemoved(tx, removed, collection.name) }
      })
    },

    async lineage(itemId) {
      const row = await db
        .selectFrom('collection_items')
        .where('workspace_id', '=', ws)
        .selectAll()
        .where('id', '=', itemId)
        .executeTakeFirst()
      if (!row) return undefined
      const collectionRow = await db
        .selectFrom('collections')
        .where('workspace_id', '=', ws)
        .selectAll()
        .where('id', '=', row.collection_id)
        .executeTakeFirst()
      if (!collectionRow) return undefined
      // Every send of a saved request asks this: only folder rows are read, and only its ancestors parsed.
      const folderRows = await db
        .selectFrom('collection_items')
        .where('workspace_id', '=', ws)
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
