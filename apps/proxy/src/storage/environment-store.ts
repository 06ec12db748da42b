import {
  EnvironmentSchema,
  GLOBALS_ID,
  VariablesSchema,
  type Environment,
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

export interface EnvironmentStore {
  /** Every environment, globals first (created on first use). */
  list(): Promise<Environment[]>
  get(id: string): Promise<Environment | undefined>
  create(name: string, variables: Variable[]): Promise<Environment>
  update(id: string, patch: UpdateEnvironment): Promise<Environment>
  remove(id: string): Promise<boolean>
  duplicate(id: string): Promise<Environment>
  /** Sets one variable's value (response captures); creates it when missing. */
  setVariable(id: string, name: string, value: string): Promise<Environment>
}

const now = () => new Date().toISOString()

export function createEnvironmentStore(db: Kysely<Database>, box: SecretBox): EnvironmentStore {
  const toEnvironment = (row: Selectable<EnvironmentTable>): Environment =>
    EnvironmentSchema.parse({
      id: row.id,
      name: row.name,
      variables: openVariables(VariablesSchema.parse(JSON.parse(row.variables_json)), box),
      version: Number(row.version),
      updatedAt: row.updated_at,
    })

  async function ensureGlobals(): Promise<void> {
    const exists = await db.selectFrom('environments').select('id').where('id', '=', GLOBALS_ID).executeTakeFirst()
    if (!exists) {
      await db
        .insertInto('environments')
        .values({ id: GLOBALS_ID, name: 'Globals', variables_json: '[]', position: -1, version: 1, updated_at: now() })
        .onConflict((c) => c.column('id').doNothing())
        .execute()
    }
  }

  async function read(id: string): Promise<Environment> {
    const row = await db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new CourierError('NOT_FOUND', 'That environment no longer exists.')
    return toEnvironment(row)
  }

  const conflict = (current: Environment) =>
    new CourierError(
      'STORAGE_CONFLICT',
      'This environment changed since you loaded it. Reload to see the new values, or overwrite them with yours.',
      { details: { current } },
    )

  async function write(id: string, patch: UpdateEnvironment): Promise<Environment> {
    const current = await read(id)
    if (current.version !== patch.version) throw conflict(current)
    if (id === GLOBALS_ID && patch.name !== undefined && patch.name !== current.name) {
      throw new CourierError('INVALID_REQUEST', 'The globals cannot be renamed.', { field: 'name' })
    }
    const next = {
      ...current,
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.variables === undefined ? {} : { variables: patch.variables }),
      version: current.version + 1,
      updatedAt: now(),
    }
    const result = await db
      .updateTable('environments')
      .set({
        name: next.name,
        variables_json: JSON.stringify(sealVariables(next.variables, box)),
        version: next.version,
        updated_at: next.updatedAt,
      })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst()
    if (!changedOneRow(result)) throw conflict(await read(id))
    return next
  }

  const store: EnvironmentStore = {
    async list() {
      await ensureGlobals()
      const rows = await db.selectFrom('environments').selectAll().orderBy('position').orderBy('name').execute()
      return rows.map(toEnvironment)
    },

    async get(id) {
      const select = () => db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst()
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
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst()
      const row = {
        id: newId(),
        name,
        variables_json: JSON.stringify(sealVariables(variables, box)),
        position: Number(last?.max ?? 0) + 1,
        version: 1,
        updated_at: now(),
      }
      await db.insertInto('environments').values(row).execute()
      return toEnvironment(row)
    },

    update: write,

    async remove(id) {
      if (id === GLOBALS_ID)
        throw new CourierError('INVALID_REQUEST', 'The globals cannot be deleted; clear their variables instead.')
      const result = await db.deleteFrom('environments').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
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
  return store
}
