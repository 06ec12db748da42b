import { type Environment, type Removed } from '@courier/shared'
import type { Kysely, Transaction } from 'kysely'
import { newId } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { Database } from './schema.js'
import { openVariables, sealVariables } from './sealed-variables.js'
import type { Clock } from './version-log.js'

type Db = Kysely<Database> | Transaction<Database>

/** What a trash row holds: the Removed of a delete (or an environment), secret variables sealed as in the rows. */
export type TrashPayload = { removed: Removed; collectionName: string } | { environment: Environment }

export type TrashLog = ReturnType<typeof trashLog>

/** Trash rows of one workspace, written by `userId` in the transaction of the delete. */
export function trashLog(box: SecretBox, ws: string, userId: string, clock: Clock) {
  const sealRemoved = (removed: Removed): Removed => ({
    collection: removed.collection && {
      ...removed.collection,
      variables: sealVariables(removed.collection.variables, box),
    },
    items: removed.items.map((item) =>
      item.kind === 'folder' ? { ...item, variables: sealVariables(item.variables, box) } : item,
    ),
  })
  const openRemoved = (removed: Removed): Removed => ({
    collection: removed.collection && {
      ...removed.collection,
      variables: openVariables(removed.collection.variables, box),
    },
    items: removed.items.map((item) =>
      item.kind === 'folder' ? { ...item, variables: openVariables(item.variables, box) } : item,
    ),
  })

  async function put(tx: Db, kind: string, name: string, payload: TrashPayload): Promise<string> {
    const id = newId()
    await tx
      .insertInto('trash')
      .values({
        id,
        workspace_id: ws,
        kind,
        name,
        payload_json: JSON.stringify(payload),
        deleted_by: userId,
        deleted_at: clock().toISOString(),
      })
      .execute()
    return id
  }

  return {
    putRemoved(tx: Db, removed: Removed, collectionName: string): Promise<string> {
      const root = removed.collection ?? removed.items[0]!
      const kind = removed.collection ? 'collection' : removed.items[0]!.kind
      return put(tx, kind, root.name, { removed: sealRemoved(removed), collectionName })
    },
    putEnvironment(tx: Db, environment: Environment): Promise<string> {
      return put(tx, 'environment', environment.name, {
        environment: { ...environment, variables: sealVariables(environment.variables, box) },
      })
    },
    /** Whether this workspace's trash holds the entry (another workspace's entries are not there). */
    async has(tx: Db, id: string): Promise<boolean> {
      const row = await tx
        .selectFrom('trash')
        .select('id')
        .where('workspace_id', '=', ws)
        .where('id', '=', id)
        .executeTakeFirst()
      return row !== undefined
    },
    async drop(tx: Db, id: string): Promise<void> {
      await tx.deleteFrom('trash').where('workspace_id', '=', ws).where('id', '=', id).execute()
    },
    /** The payload with secret values opened. */
    open(payloadJson: string): TrashPayload {
      const payload = JSON.parse(payloadJson) as TrashPayload
      if ('environment' in payload)
        return { environment: { ...payload.environment, variables: openVariables(payload.environment.variables, box) } }
      return { ...payload, removed: openRemoved(payload.removed) }
    },
  }
}
