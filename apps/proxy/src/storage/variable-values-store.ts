import { GLOBALS_ID, type CurrentValue } from '@courier/shared'
import type { Kysely } from 'kysely'
import { CourierError } from '../errors.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { createEnvironmentStore, globalsRowId } from './environment-store.js'
import type { Database } from './schema.js'
import { readCacheOf } from './read-cache.js'

export { withCurrentValues } from '@courier/shared'

/**
 * One person's own values of the variables of one workspace's environments (Postman's "current
 * value"): theirs alone, sealed at rest whatever the variable, and never versioned. A send by that
 * person uses them in place of the shared values.
 */
export interface VariableValueStore {
  /** My current values of one environment (GLOBALS_ID for the globals), by name. */
  list(environmentId: string): Promise<CurrentValue[]>
  /** Sets my current value; NOT_FOUND when the environment is not in this workspace. */
  set(environmentId: string, name: string, value: string): Promise<void>
  /** Clears my current value; false when there was none. */
  clear(environmentId: string, name: string): Promise<boolean>
  /** Drops every person's values of an environment just removed from this workspace (call it only then). */
  forgetEnvironment(environmentId: string): Promise<void>
}

const now = () => new Date().toISOString()

export function createVariableValueStore(
  db: Kysely<Database>,
  box: SecretBox,
  workspaceId: string,
  userId: string,
): VariableValueStore {
  const rowId = (id: string) => (id === GLOBALS_ID ? globalsRowId(workspaceId) : id)
  // Read on every send: kept in memory (read-cache.ts) and dropped by every write.
  const cache = readCacheOf(db)
  const invalidating = <T>(write: () => Promise<T>) => cache.invalidateAfter(write)

  async function requireEnvironment(id: string): Promise<string> {
    const row = rowId(id)
    // The globals are created on first use; reading them through their store does that.
    if (id === GLOBALS_ID) await createEnvironmentStore(db, box, workspaceId).get(GLOBALS_ID)
    const found = await db
      .selectFrom('environments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', row)
      .executeTakeFirst()
    if (!found) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    return row
  }

  const store: VariableValueStore = {
    list: (environmentId) =>
      cache.read(`current\0${workspaceId}\0${userId}\0${rowId(environmentId)}`, () => list(environmentId)),
    set: (environmentId, name, value) => invalidating(() => set(environmentId, name, value)),
    clear: (environmentId, name) => invalidating(() => clear(environmentId, name)),
    forgetEnvironment: (environmentId) => invalidating(() => forgetEnvironment(environmentId)),
  }
  return store

  async function list(environmentId: string): Promise<CurrentValue[]> {
    // Joined with the environment's row, so an id from another workspace reads as nothing.
    const rows = await db
      .selectFrom('variable_values')
      .innerJoin('environments', 'environments.id', 'variable_values.environment_id')
      .select(['variable_values.name', 'variable_values.sealed'])
      .where('environments.workspace_id', '=', workspaceId)
      .where('variable_values.environment_id', '=', rowId(environmentId))
      .where('variable_values.user_id', '=', userId)
      .orderBy('variable_values.name')
      .execute()
    return rows.flatMap((row) => {
      try {
        return [{ name: row.name, value: box.open(row.sealed) }]
      } catch {
        // Sealed with another key (a copied database): unrecoverable, so as if never set.
        return []
      }
    })
  }

  async function set(environmentId: string, name: string, value: string): Promise<void> {
    const environment_id = await requireEnvironment(environmentId)
    const sealed = box.seal(value)
    const updated_at = now()
    await db
      .insertInto('variable_values')
      .values({ environment_id, user_id: userId, name, sealed, updated_at })
      .onConflict((c) => c.columns(['environment_id', 'user_id', 'name']).doUpdateSet({ sealed, updated_at }))
      .execute()
  }

  async function clear(environmentId: string, name: string): Promise<boolean> {
    const result = await db
      .deleteFrom('variable_values')
      .where('environment_id', '=', rowId(environmentId))
      .where('user_id', '=', userId)
      .where('name', '=', name)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  async function forgetEnvironment(environmentId: string): Promise<void> {
    if (environmentId === GLOBALS_ID) return
    await db.deleteFrom('variable_values').where('environment_id', '=', environmentId).execute()
  }
}
