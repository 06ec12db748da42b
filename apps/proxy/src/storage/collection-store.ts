import { CourierError } from '../errors.js'
import {
  InheritableSchema,
  mergeInheritable,
  type Collection,
  type CollectionItem,
  type CollectionTree,
  type CreateItem,
  type Folder,
  type MergeNote,
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
import { collectionRows, now } from './collection-rows.js'
import { descendants, treeOrder } from './collection-tree.js'
import type { Database } from './schema.js'
import { changedOneRow } from './versioned-write.js'
import { writeTransaction } from './write-transaction.js'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from './migrations/0011-team.js'
import { versionLog, type Clock, type RowSnapshot } from './version-log.js'
import { saveMerging } from './merge-save.js'
import { trashLog } from './trash-log.js'

export interface CollectionStore {
  list(): Promise<CollectionTree[]>
  get(id: string): Promise<CollectionTree | undefined>
  create(name: string): Promise<CollectionTree>
  /** A stale `version` is merged field by field with what changed since; a field both changed answers 409. */
  update(id: string, patch: UpdateCollection): Promise<Collection & MergeNote>
  remove(id: string): Promise<Removed>
  duplicate(id: string): Promise<CollectionTree>
  /** Puts back what a delete removed (undo, the trash); its trash entry, if named, goes in the same transaction. */
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

/**
 * The collections of one workspace, as `userId` acts on them: every read and write is scoped by the
 * rows' workspace_id; every write keeps a version (item_versions) and every delete a trash entry,
 * each in the transaction of the row.
 */
export function createCollectionStore(
  db: Kysely<Database>,
  box: SecretBox,
  ws: string = LOCAL_WORKSPACE_ID,
  userId: string = LOCAL_USER_ID,
  clock: Clock = () => new Date(),
): CollectionStore {
  const rows = collectionRows(box)
  const { inheritableToJson, toCollection, toItem } = rows
  const versions = versionLog(ws, userId, clock)
  const trash = trashLog(box, ws, userId, clock)
  const queries = collectionQueries(rows, ws, versions)
  const { itemsOf, tree, insertItem, requireCollection, nextCollectionPosition, cloneItems } = queries
  const collectionRow = (c: Collection): RowSnapshot => ({
    id: c.id,
    name: c.name,
    data_json: inheritableToJson(c),
    version: c.version,
    updated_at: c.updatedAt,
  })

  return {
    async list() {
      const rows = await db
        .selectFrom('collections')
        .where('workspace_id', '=', ws)
        .selectAll()
        .orderBy('position')
        .orderBy('name')
        .execute()
      const items = (
        await db
          .selectFrom('collection_items')
          .where('workspace_id', '=', ws)
          .selectAll()
          .orderBy('position')
          .orderBy('name')
          .execute()
      ).map(toItem)
      return rows.map((row) => ({
        ...toCollection(row),
        items: treeOrder(items.filter((item) => item.collectionId === row.id)),
      }))
    },

    async get(id) {
      const row = await db
        .selectFrom('collections')
        .where('workspace_id', '=', ws)
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
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
        workspace_id: ws,
      }
      await writeTransaction(db, async (tx) => {
        await tx.insertInto('collections').values(row).execute()
        await versions.record(tx, 'collection', row)
      })
      return { ...toCollection(row), items: [] }
    },

    async update(id, patch) {
      const { version: baseVersion, name, ...rest } = patch
      return saveMerging<Collection>(baseVersion, {
        read: async () => toCollection(await requireCollection(db, id)),
        base: async (version) => {
          const kept = await versions.read(db, 'collection', id, version)
          return kept && toCollection({ ...kept.snapshot, workspace_id: ws } as never)
        },
        author: async (version) => {
          const kept = await versions.read(db, 'collection', id, version)
          return kept ? { userId: kept.user_id, at: kept.at } : null
        },
        apply: (onto) => ({ ...onto, ...rest, ...(name === undefined ? {} : { name }) }),
        merge: mergeInheritable,
        conflictMessage:
          'Someone else changed the same settings of this collection since you loaded it. Choose whose value to keep for each, then save again.',
        write: async (next, current) => {
          const updated = { ...next, version: current.version + 1, updatedAt: now() }
          return writeTransaction(db, async (tx) => {
            const result = await tx
              .updateTable('collections')
              .where('workspace_id', '=', ws)
              .set({
                name: updated.name,
                data_json: inheritableToJson(updated),
                version: updated.version,
                updated_at: updated.updatedAt,
              })
              .where('id', '=', id)
              .where('version', '=', current.version)
              .executeTakeFirst()
            if (!changedOneRow(result)) return undefined
            await versions.keepBase(tx, 'collection', collectionRow(current))
            await versions.record(tx, 'collection', collectionRow(updated))
            return updated
          })
        },
      })
    },

    async remove(id) {
      return writeTransaction(db, async (tx) => {
        const row = await requireCollection(tx, id)
        const removed = { collection: toCollection(row), items: await itemsOf(tx, id) }
        await tx.deleteFrom('collection_items').where('workspace_id', '=', ws).where('collection_id', '=', id).execute()
        await tx.deleteFrom('collections').where('workspace_id', '=', ws).where('id', '=', id).execute()
        const trashId = await trash.putRemoved(tx, removed, removed.collection.name)
        return { ...removed, trashId }
      })
    },

    async duplicate(id) {
      return writeTransaction(db, async (tx) => {
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
            workspace_id: ws,
          })
          .execute()
        await versions.record(tx, 'collection', collectionRow(copy))
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
      await writeTransaction(db, async (tx) => {
        // An undo names the trash entry its delete made in this workspace; another workspace's is not here.
        if (removed.trashId && !(await trash.has(tx, removed.trashId)))
          throw new CourierError('NOT_FOUND', 'That is no longer in the Trash.')
        const { collection } = removed
        if (collection) {
          const exists = await tx
            .selectFrom('collections')
            .where('workspace_id', '=', ws)
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
                workspace_id: ws,
              })
              .execute()
            await versions.keepBase(tx, 'collection', collectionRow(collection))
          }
        }
        for (const item of removed.items) {
          await requireCollection(tx, item.collectionId)
          const exists = await tx
            .selectFrom('collection_items')
            .where('workspace_id', '=', ws)
            .select('id')
            .where('id', '=', item.id)
            .executeTakeFirst()
          if (!exists) await insertItem(tx, item)
        }
        if (removed.trashId) await trash.drop(tx, removed.trashId)
      })
    },

    ...collectionItemMethods(db, rows, queries, ws, versions, trash),
  }
}
