import {
  InheritableSchema,
  type Collection,
  type CollectionItem,
  type CollectionTree,
  type CreateItem,
  type Folder,
  type MoveItem,
  type Removed,
  type UpdateCollection,
  type UpdateItem,
} from '@courier/shared'
import type { Kysely } from 'kysely'
import { newId } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { collectionItemMethods } from './collection-item-methods.js'
import { collectionQueries } from './collection-queries.js'
import { collectionRows, conflict, now } from './collection-rows.js'
import { descendants, treeOrder } from './collection-tree.js'
import type { Database } from './schema.js'
import { changedOneRow } from './versioned-write.js'

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

export function createCollectionStore(db: Kysely<Database>, box: SecretBox): CollectionStore {
  const rows = collectionRows(box)
  const { inheritableToJson, toCollection, toItem } = rows
  const queries = collectionQueries(rows)
  const { itemsOf, tree, insertItem, requireCollection, nextCollectionPosition, cloneItems } = queries

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

    ...collectionItemMethods(db, rows, queries),
  }
}
