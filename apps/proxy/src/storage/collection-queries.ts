import type { CollectionItem, CollectionTree } from '@courier/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import { now, type CollectionRows } from './collection-rows.js'
import { descendants, treeOrder } from './collection-tree.js'
import type { CollectionTable, Database } from './schema.js'
import type { RowSnapshot, VersionLog } from './version-log.js'

export type Db = Kysely<Database> | Transaction<Database>

export type CollectionQueries = ReturnType<typeof collectionQueries>

/** The reads and writes the store's operations share, each on the database or a transaction. */
export function collectionQueries(
  { toCollection, toItem, itemData }: CollectionRows,
  ws: string,
  versions: VersionLog,
) {
  const itemRow = (item: CollectionItem): RowSnapshot => ({
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

  async function itemsOf(tx: Db, collectionId: string): Promise<CollectionItem[]> {
    const rows = await tx
      .selectFrom('collection_items')
      .where('workspace_id', '=', ws)
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
    const root = await tx
      .selectFrom('collection_items')
      .where('workspace_id', '=', ws)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    if (!root) return []
    const all = await itemsOf(tx, root.collection_id)
    const item = all.find((i) => i.id === id)
    return item ? [item, ...descendants(all, id)] : []
  }

  /** Inserts an item and keeps its state as a version (a restored item's version is usually kept already). */
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
        workspace_id: ws,
      })
      .execute()
    await versions.record(tx, 'item', itemRow(item))
  }

  async function nextPosition(tx: Db, collectionId: string, parentId: string | null): Promise<number> {
    let query = tx
      .selectFrom('collection_items')
      .where('workspace_id', '=', ws)
      .select((eb) => eb.fn.max('position').as('max'))
      .where('collection_id', '=', collectionId)
    query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId)
    const row = await query.executeTakeFirst()
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1
  }

  async function requireCollection(tx: Db, id: string): Promise<Selectable<CollectionTable>> {
    const row = await tx
      .selectFrom('collections')
      .where('workspace_id', '=', ws)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) throw new CourierError('NOT_FOUND', 'That collection no longer exists.')
    return row
  }

  async function requireParent(tx: Db, collectionId: string, parentId: string | null): Promise<void> {
    if (parentId === null) return
    const parent = await tx
      .selectFrom('collection_items')
      .where('workspace_id', '=', ws)
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
      .where('workspace_id', '=', ws)
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
    itemRow,
    itemsOf,
    tree,
    subtree,
    insertItem,
    nextPosition,
    requireCollection,
    requireParent,
    nextCollectionPosition,
    cloneItems,
  }
}
