import { TRASH_DAYS, type Removed, type TrashEntry, type TrashRestored } from '@courier/shared'
import type { Kysely } from 'kysely'
import { CourierError } from '../errors.js'
import type { CollectionStore } from './collection-store.js'
import type { EnvironmentStore } from './environment-store.js'
import type { Database } from './schema.js'
import type { TrashLog } from './trash-log.js'
import type { Clock } from './version-log.js'

export interface TrashStore {
  /** What was deleted in this workspace, newest first; entries older than TRASH_DAYS are purged first. */
  list(): Promise<TrashEntry[]>
  /**
   * Puts it back: a request or folder into its folder if that still exists, else at the top of its
   * collection; if the collection is gone too, into a new collection of the old name.
   */
  restore(id: string): Promise<TrashRestored>
  /** Deletes it for good; false when nothing had that id. */
  remove(id: string): Promise<boolean>
  /** Drops this workspace's entries older than TRASH_DAYS; answers how many. */
  purge(): Promise<number>
}

export const trashCutoff = (clock: Clock) => new Date(clock().getTime() - TRASH_DAYS * 86_400_000).toISOString()

/** The periodic sweep: every workspace's trash older than TRASH_DAYS. */
export async function purgeAllTrash(db: Kysely<Database>, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('trash').where('deleted_at', '<', trashCutoff(clock)).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export function createTrashStore(
  db: Kysely<Database>,
  ws: string,
  log: TrashLog,
  clock: Clock,
  data: { collections: CollectionStore; environments: EnvironmentStore },
): TrashStore {
  const purge = async () => {
    const result = await db
      .deleteFrom('trash')
      .where('workspace_id', '=', ws)
      .where('deleted_at', '<', trashCutoff(clock))
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async function restoreRemoved(id: string, removed: Removed, collectionName: string): Promise<string> {
    if (removed.collection) {
      await data.collections.restore({ ...removed, trashId: id })
      return `as the collection “${removed.collection.name}”`
    }
    const root = removed.items[0]!
    const collection = await data.collections.get(root.collectionId)
    if (!collection) {
      const created = await data.collections.create(collectionName)
      const items = removed.items.map((item) => ({ ...item, collectionId: created.id }))
      items[0] = { ...items[0]!, parentId: null }
      await data.collections.restore({ collection: null, items, trashId: id })
      return `into a new collection “${created.name}” (its collection was deleted)`
    }
    const parent = root.parentId && collection.items.find((item) => item.id === root.parentId && item.kind === 'folder')
    if (root.parentId && !parent) {
      const items = [{ ...root, parentId: null }, ...removed.items.slice(1)]
      await data.collections.restore({ collection: null, items, trashId: id })
      return `to the top of “${collection.name}” (its folder was deleted)`
    }
    await data.collections.restore({ ...removed, trashId: id })
    return parent ? `into “${collection.name}” / “${parent.name}”` : `into “${collection.name}”`
  }

  return {
    async list() {
      await purge()
      const rows = await db
        .selectFrom('trash')
        .where('workspace_id', '=', ws)
        .selectAll()
        .orderBy('deleted_at', 'desc')
        .execute()
      return rows.map((row) => {
        const payload = log.open(row.payload_json)
        const removed = 'removed' in payload ? payload.removed : undefined
        const collectionName = 'removed' in payload ? payload.collectionName : null
        return {
          id: row.id,
          kind: row.kind as TrashEntry['kind'],
          name: row.name,
          collectionName: removed && !removed.collection ? collectionName : null,
          deletedBy: row.deleted_by,
          deletedAt: row.deleted_at,
          itemCount: removed ? removed.items.length - (removed.collection ? 0 : 1) : 0,
        }
      })
    },

    async restore(id) {
      const row = await db
        .selectFrom('trash')
        .where('workspace_id', '=', ws)
        .where('deleted_at', '>=', trashCutoff(clock))
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row)
        throw new CourierError(
          'NOT_FOUND',
          'That is no longer in the Trash (restored, deleted for good, or older than 30 days).',
        )
      const payload = log.open(row.payload_json)
      const kind = row.kind as TrashEntry['kind']
      if ('environment' in payload) {
        await data.environments.restore(payload.environment, id)
        return { kind, id: payload.environment.id, where: `as the environment “${payload.environment.name}”` }
      }
      const where = await restoreRemoved(id, payload.removed, payload.collectionName)
      return { kind, id: payload.removed.collection?.id ?? payload.removed.items[0]!.id, where }
    },

    async remove(id) {
      const result = await db.deleteFrom('trash').where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    purge,
  }
}
