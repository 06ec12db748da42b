import type { Viewer } from '@courier/shared'
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

export type PresenceReportRow = {
  workspaceId: string
  userId: string
  clientId: string
  name: string
  itemId: string | null
  /** The time the report is made at, and when it stops counting. */
  now: Date
  expiresAt: Date
}

/** Who views which saved request, in the database so every instance sees it; expired rows are ignored and swept. */
export interface PresenceStore {
  /** Keeps the page's report; answers the item that page showed before (undefined: it had no live report). */
  report(row: PresenceReportRow): Promise<{ before: string | null | undefined }>
  /** Everyone viewing a saved request of the workspace at `now`, one entry per person and request. */
  viewers(workspaceId: string, now: Date): Promise<Viewer[]>
}

export function createPresenceStore(db: Kysely<Database>): PresenceStore {
  return {
    async report({ workspaceId, userId, clientId, name, itemId, now, expiresAt }) {
      const at = now.toISOString()
      await db.deleteFrom('presence').where('expires_at', '<', at).execute()
      const previous = await db
        .selectFrom('presence')
        .select('item_id')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst()
      const expires_at = expiresAt.toISOString()
      await db
        .insertInto('presence')
        .values({ workspace_id: workspaceId, user_id: userId, client_id: clientId, name, item_id: itemId, expires_at })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'user_id', 'client_id']).doUpdateSet({ name, item_id: itemId, expires_at }),
        )
        .execute()
      return { before: previous ? previous.item_id : undefined }
    },

    async viewers(workspaceId, now) {
      const rows = await db
        .selectFrom('presence')
        .select(['user_id', 'item_id'])
        .select((eb) => eb.fn.max('name').as('name'))
        .where('workspace_id', '=', workspaceId)
        .where('expires_at', '>=', now.toISOString())
        .where('item_id', 'is not', null)
        .groupBy(['user_id', 'item_id'])
        .orderBy('item_id')
        .orderBy('name')
        .execute()
      return rows.map((row) => ({ userId: row.user_id, name: row.name, itemId: row.item_id! }))
    },
  }
}
