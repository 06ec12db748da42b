import { VERSION_KEEP_DAYS, VERSION_KEEP_LAST, type VersionedKind } from '@courier/shared'
import type { Kysely, Transaction } from 'kysely'
import { newId } from '../ids.js'
import type { Database } from './schema.js'

type Db = Kysely<Database> | Transaction<Database>

/** The clock the stores read for times they write (versions, trash); tests pass their own. */
export type Clock = () => Date

/** A row as it was written (every column but workspace_id), secrets sealed exactly as in the row. */
export type RowSnapshot = { id: string; name: string; version: number; updated_at: string } & Record<string, unknown>

export type VersionLog = ReturnType<typeof versionLog>

/**
 * item_versions for one workspace and one actor. Every create, update and restore of a collection,
 * item or environment calls `record` in the transaction that writes the row; an update calls
 * `keepBase` first, so a row from before versions existed gets its state as the base on its first
 * change. Kept: every version younger than VERSION_KEEP_DAYS and always the last VERSION_KEEP_LAST.
 */
export function versionLog(ws: string, userId: string, clock: Clock) {
  async function insert(tx: Db, kind: VersionedKind, row: RowSnapshot, by: string, at: string) {
    const { workspace_id: _ws, ...snapshot } = row
    await tx
      .insertInto('item_versions')
      .values({
        id: newId(),
        workspace_id: ws,
        kind,
        target_id: row.id,
        version: Number(row.version),
        data_json: JSON.stringify(snapshot),
        user_id: by,
        at,
      })
      .onConflict((c) => c.columns(['target_id', 'version']).doNothing())
      .execute()
  }

  return {
    /** The row's state before a change, when no version of it is kept yet (rows older than versions). */
    async keepBase(tx: Db, kind: VersionedKind, row: RowSnapshot) {
      await insert(tx, kind, row, userId, row.updated_at)
    },

    async record(tx: Db, kind: VersionedKind, row: RowSnapshot) {
      await insert(tx, kind, row, userId, clock().toISOString())
      const cutoff = new Date(clock().getTime() - VERSION_KEEP_DAYS * 86_400_000).toISOString()
      await tx
        .deleteFrom('item_versions')
        .where('target_id', '=', row.id)
        .where('workspace_id', '=', ws)
        .where('version', '<=', Number(row.version) - VERSION_KEEP_LAST)
        .where('at', '<', cutoff)
        .execute()
    },

    async read(db: Db, kind: VersionedKind, targetId: string, version: number) {
      const row = await db
        .selectFrom('item_versions')
        .where('workspace_id', '=', ws)
        .where('kind', '=', kind)
        .where('target_id', '=', targetId)
        .where('version', '=', version)
        .selectAll()
        .executeTakeFirst()
      return row && { ...row, snapshot: { ...(JSON.parse(row.data_json) as RowSnapshot), workspace_id: ws } }
    },

    async list(db: Db, kind: VersionedKind, targetId: string) {
      const rows = await db
        .selectFrom('item_versions')
        .where('workspace_id', '=', ws)
        .where('kind', '=', kind)
        .where('target_id', '=', targetId)
        .selectAll()
        .orderBy('version')
        .execute()
      return rows.map((row) => ({
        ...row,
        version: Number(row.version),
        snapshot: { ...(JSON.parse(row.data_json) as RowSnapshot), workspace_id: ws },
      }))
    },
  }
}
