import { createHash } from 'node:crypto'
import {
  EnvironmentSchema,
  GLOBALS_ID,
  VariablesSchema,
  mergeEnvironment,
  type Environment,
  type MergeNote,
  type UpdateEnvironment,
  type Variable,
} from '@courier/shared'
import type { Kysely, Selectable } from 'kysely'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { Database, EnvironmentTable } from './schema.js'
import { openVariables, sealVariables } from './sealed-variables.js'
import { changedOneRow } from './versioned-write.js'
import { writeTransaction } from './write-transaction.js'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from './migrations/0011-team.js'
import { versionLog, type Clock, type RowSnapshot } from './version-log.js'
import { saveMerging } from './merge-save.js'
import { trashLog } from './trash-log.js'
import { readCacheOf } from './read-cache.js'

export interface EnvironmentStore {
  /** Every environment, globals first (created on first use). */
  list(): Promise<Environment[]>
  get(id: string): Promise<Environment | undefined>
  create(name: string, variables: Variable[]): Promise<Environment>
  /** A stale `version` is merged per variable with what changed since; a variable both changed answers 409. */
  update(id: string, patch: UpdateEnvironment): Promise<Environment & MergeNote>
  /** Moves it to the trash; false when nothing had that id. */
  remove(id: string): Promise<boolean>
  duplicate(id: string): Promise<Environment>
  /** Puts back a deleted environment (from the trash entry `trashId`, dropped in the same transaction). */
  restore(environment: Environment, trashId: string): Promise<void>
  /** Sets one variable's value (response captures); creates it when missing. */
  setVariable(id: string, name: string, value: string): Promise<Environment>
}

const now = () => new Date().toISOString()

/** The globals' row id: 'globals' in the local workspace, a UUID-shaped digest of the workspace id elsewhere. */
export function globalsRowId(ws: string): string {
  if (ws === LOCAL_WORKSPACE_ID) return GLOBALS_ID
  const hex = createHash('sha256').update(`globals:${ws}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/**
 * The environments of one workspace, every query scoped by workspace_id. Each workspace has its
 * own globals; the API calls them GLOBALS_ID everywhere, the row id is derived from the workspace.
 */
export function createEnvironmentStore(
  db: Kysely<Database>,
  box: SecretBox,
  ws: string = LOCAL_WORKSPACE_ID,
  userId: string = LOCAL_USER_ID,
  clock: Clock = () => new Date(),
): EnvironmentStore {
  const versions = versionLog(ws, userId, clock)
  const trash = trashLog(box, ws, userId, clock)
  const globalsRow = globalsRowId(ws)
  const rowId = (id: string) => (id === GLOBALS_ID ? globalsRow : id)
  const toEnvironment = (row: Selectable<EnvironmentTable>): Environment =>
    EnvironmentSchema.parse({
      id: row.id === globalsRow ? GLOBALS_ID : row.id,
      name: row.name,
      variables: openVariables(VariablesSchema.parse(JSON.parse(row.variables_json)), box),
      version: Number(row.version),
      updatedAt: row.updated_at,
    })

  async function ensureGlobals(): Promise<void> {
    const exists = await db
      .selectFrom('environments')
      .where('workspace_id', '=', ws)
      .select('id')
      .where('id', '=', globalsRow)
      .executeTakeFirst()
    if (!exists) {
      await db
        .insertInto('environments')
        .values({
          id: globalsRow,
          workspace_id: ws,
          name: 'Globals',
          variables_json: '[]',
          position: -1,
          version: 1,
          updated_at: now(),
        })
        .onConflict((c) => c.column('id').doNothing())
        .execute()
    }
  }

  async function read(id: string): Promise<Environment> {
    const row = await db
      .selectFrom('environments')
      .where('workspace_id', '=', ws)
      .selectAll()
      .where('id', '=', rowId(id))
      .executeTakeFirst()
    if (!row) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    return toEnvironment(row)
  }

  /** The row of `env` as written (secret values sealed), position aside. */
  const snapshot = (env: Environment): RowSnapshot => ({
    id: rowId(env.id),
    name: env.name,
    variables_json: JSON.stringify(sealVariables(env.variables, box)),
    version: env.version,
    updated_at: env.updatedAt,
  })
  const fromSnapshot = (kept: RowSnapshot): Environment =>
    toEnvironment({ position: 0, variables_json: '[]', workspace_id: ws, ...kept } as Selectable<EnvironmentTable>)

  async function write(id: string, patch: UpdateEnvironment): Promise<Environment & MergeNote> {
    if (id === GLOBALS_ID && patch.name !== undefined && patch.name !== 'Globals') {
      throw new CourierError('INVALID_REQUEST', 'The globals cannot be renamed.', { field: 'name' })
    }
    return saveMerging<Environment>(patch.version, {
      read: () => read(id),
      base: async (version) => {
        const kept = await versions.read(db, 'environment', rowId(id), version)
        return kept && fromSnapshot(kept.snapshot)
      },
      author: async (version) => {
        const kept = await versions.read(db, 'environment', rowId(id), version)
        return kept ? { userId: kept.user_id, at: kept.at } : null
      },
      apply: (onto) => ({
        ...onto,
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.variables === undefined ? {} : { variables: patch.variables }),
      }),
      merge: mergeEnvironment,
      conflictMessage:
        'Someone else changed the same variables of this environment since you loaded it. Choose whose value to keep for each, then save again.',
      write: async (next, current) => {
        const updated = { ...next, version: current.version + 1, updatedAt: now() }
        return writeTransaction(db, async (tx) => {
          const result = await tx
            .updateTable('environments')
            .where('workspace_id', '=', ws)
            .set({
              name: updated.name,
              variables_json: JSON.stringify(sealVariables(updated.variables, box)),
              version: updated.version,
              updated_at: updated.updatedAt,
            })
            .where('id', '=', rowId(id))
            .where('version', '=', current.version)
            .executeTakeFirst()
          if (!changedOneRow(result)) return undefined
          await versions.keepBase(tx, 'environment', snapshot(current))
          await versions.record(tx, 'environment', snapshot(updated))
          return updated
        })
      },
    })
  }

  const uncached: EnvironmentStore = {
    async list() {
      await ensureGlobals()
      const rows = await db
        .selectFrom('environments')
        .where('workspace_id', '=', ws)
        .selectAll()
        .orderBy('position')
        .orderBy('name')
        .execute()
      return rows.map(toEnvironment)
    },

    async get(id) {
      const select = () =>
        db
          .selectFrom('environments')
          .where('workspace_id', '=', ws)
          .selectAll()
          .where('id', '=', rowId(id))
          .executeTakeFirst()
      let row = await select()
      // Every send reads the globals: they are created on the first read that misses them, not checked each time.
      if (!row && id === GLOBALS_ID) {
        await ensureGlobals()
        row = await select()
      }
      return row ? toEnvironment(row) : undefined
    },

    async create(name, variables) {
      const last = await db
        .selectFrom('environments')
        .where('workspace_id', '=', ws)
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst()
      const row = {
        id: newId(),
        name,
        variables_json: JSON.stringify(sealVariables(variables, box)),
        position: Number(last?.max ?? 0) + 1,
        version: 1,
        updated_at: now(),
        workspace_id: ws,
      }
      await writeTransaction(db, async (tx) => {
        await tx.insertInto('environments').values(row).execute()
        await versions.record(tx, 'environment', row)
      })
      return toEnvironment(row)
    },

    update: write,

    async remove(id) {
      if (id === GLOBALS_ID)
        throw new CourierError('INVALID_REQUEST', 'The globals cannot be deleted; clear their variables instead.')
      return writeTransaction(db, async (tx) => {
        const row = await tx
          .selectFrom('environments')
          .where('workspace_id', '=', ws)
          .selectAll()
          .where('id', '=', rowId(id))
          .executeTakeFirst()
        if (!row) return false
        await tx.deleteFrom('environments').where('workspace_id', '=', ws).where('id', '=', row.id).execute()
        await trash.putEnvironment(tx, toEnvironment(row))
        return true
      })
    },

    async restore(environment, trashId) {
      await writeTransaction(db, async (tx) => {
        const id = rowId(environment.id)
        const exists = await tx
          .selectFrom('environments')
          .where('workspace_id', '=', ws)
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst()
        if (!exists) {
          const last = await tx
            .selectFrom('environments')
            .where('workspace_id', '=', ws)
            .select((eb) => eb.fn.max('position').as('max'))
            .executeTakeFirst()
          const row = snapshot(environment)
          await tx
            .insertInto('environments')
            .values({
              id,
              name: row.name,
              variables_json: String(row.variables_json),
              position: Number(last?.max ?? 0) + 1,
              version: row.version,
              updated_at: row.updated_at,
              workspace_id: ws,
            })
            .execute()
          await versions.keepBase(tx, 'environment', snapshot(environment))
        }
        await trash.drop(tx, trashId)
      })
    },

    async duplicate(id) {
      const source = await store.get(id)
      if (!source) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
      return store.create(`${source.name} copy`, source.variables)
    },

    async setVariable(id, name, value) {
      // Captures can race with an edit in the UI: retry on a version bump instead of failing the send.
      for (let attempt = 0; ; attempt++) {
        const current = await store.get(id)
        if (!current) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
        const exists = current.variables.some((v) => v.name === name)
        const variables = exists
          ? current.variables.map((v) => (v.name === name ? { ...v, value, enabled: true } : v))
          : [...current.variables, { name, value, enabled: true, secret: false }]
        try {
          return await write(id, { version: current.version, variables })
        } catch (error) {
          if (!(error instanceof CourierError && error.code === 'STORAGE_CONFLICT') || attempt >= 3) throw error
        }
      }
    },
  }
  // Every send reads the globals and its environment: kept in memory (read-cache.ts), dropped by every write.
  const cache = readCacheOf(db)
  const invalidating = <T>(write: () => Promise<T>) => cache.invalidateAfter(write)
  const store: EnvironmentStore = {
    ...uncached,
    get: (id) => cache.read(`environment\0${ws}\0${rowId(id)}`, () => uncached.get(id)),
    create: (name, variables) => invalidating(() => uncached.create(name, variables)),
    update: (id, patch) => invalidating(() => uncached.update(id, patch)),
    remove: (id) => invalidating(() => uncached.remove(id)),
    restore: (environment, trashId) => invalidating(() => uncached.restore(environment, trashId)),
    setVariable: (id, name, value) => invalidating(() => uncached.setVariable(id, name, value)),
  }
  return store
}
