import { randomUUID } from 'node:crypto'
import { CaptureMountInputSchema, type CaptureMount, type CaptureMountInput, type Pair } from '@courier/shared'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { CourierError } from '../errors.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { CaptureMountTable, Database } from './schema.js'

/** A mount as kept: the contract's fields without its URL (the server's origin adds that), and whose it is. */
export type StoredMount = Omit<CaptureMount, 'url'> & { userId: string; workspaceId: string }

/** What data_json holds: the headers sealed (a literal `Authorization` value is a secret at rest). */
const MountDataSchema = CaptureMountInputSchema.omit({ name: true, headers: true }).extend({
  headersSealed: z.string(),
})

/**
 * Capture mounts, named server-wide (the name is the `/capture/NAME` segment), each owned by the
 * person who made it. `byName` is what the forwarder reads per request (no cache: every instance
 * on one database sees a change at once); the rest act for an owner in a workspace.
 */
export interface MountStore {
  byName(name: string): Promise<StoredMount | undefined>
  list(userId: string, workspaceId: string): Promise<StoredMount[]>
  get(id: string, userId: string, workspaceId: string): Promise<StoredMount | undefined>
  /** NAME_TAKEN when another mount has the name. */
  create(userId: string, workspaceId: string, input: CaptureMountInput): Promise<StoredMount>
  /** STORAGE_CONFLICT when `version` is not the kept one; NOT_FOUND when it is not the person's. */
  update(
    id: string,
    userId: string,
    workspaceId: string,
    patch: Partial<CaptureMountInput> & { version: number },
  ): Promise<StoredMount>
  remove(id: string, userId: string, workspaceId: string): Promise<boolean>
}

const NOT_FOUND = () => new CourierError('NOT_FOUND', 'This capture mount does not exist (any more); reload the list.')
const TAKEN = (name: string) =>
  new CourierError(
    'NAME_TAKEN',
    `A capture mount named "${name}" already exists on this server; choose another name.`,
    {
      field: 'name',
    },
  )

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? '')
  return /UNIQUE constraint failed|duplicate key value/i.test(text)
}

export function createMountStore(db: Kysely<Database>, box: SecretBox, now: () => Date = () => new Date()): MountStore {
  const fromRow = (row: CaptureMountTable): StoredMount => {
    const data = MountDataSchema.parse(JSON.parse(row.data_json))
    const { headersSealed, ...rest } = data
    return {
      ...rest,
      name: row.name,
      headers: JSON.parse(box.open(headersSealed)) as Pair[],
      id: row.id,
      version: Number(row.version),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      userId: row.user_id,
      workspaceId: row.workspace_id,
    }
  }
  const dataOf = (mount: z.infer<typeof CaptureMountInputSchema>) => {
    const { name: _name, headers, ...rest } = mount
    return JSON.stringify({ ...rest, headersSealed: box.seal(JSON.stringify(headers)) })
  }
  const own = (id: string, userId: string, workspaceId: string) =>
    db
      .selectFrom('capture_mounts')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()

  return {
    async byName(name) {
      const row = await db.selectFrom('capture_mounts').selectAll().where('name', '=', name).executeTakeFirst()
      return row ? fromRow(row) : undefined
    },
    async list(userId, workspaceId) {
      const rows = await db
        .selectFrom('capture_mounts')
        .selectAll()
        .where('user_id', '=', userId)
        .where('workspace_id', '=', workspaceId)
        .orderBy('name')
        .execute()
      return rows.map(fromRow)
    },
    async get(id, userId, workspaceId) {
      const row = await own(id, userId, workspaceId)
      return row ? fromRow(row) : undefined
    },
    async create(userId, workspaceId, input) {
      const mount = CaptureMountInputSchema.parse(input)
      const at = now().toISOString()
      const row: CaptureMountTable = {
        id: randomUUID(),
        name: mount.name,
        workspace_id: workspaceId,
        user_id: userId,
        data_json: dataOf(mount),
        version: 1,
        created_at: at,
        updated_at: at,
      }
      try {
        await db.insertInto('capture_mounts').values(row).execute()
      } catch (error) {
        if (isUniqueViolation(error)) throw TAKEN(mount.name)
        throw error
      }
      return fromRow(row)
    },
    async update(id, userId, workspaceId, patch) {
      const row = await own(id, userId, workspaceId)
      if (!row) throw NOT_FOUND()
      const kept = fromRow(row)
      if (kept.version !== patch.version) {
        throw new CourierError(
          'STORAGE_CONFLICT',
          'This capture mount was changed elsewhere since you opened it; reload it and make your change again.',
        )
      }
      const { version, ...fields } = patch
      const next = CaptureMountInputSchema.parse({ ...kept, ...fields })
      const at = now().toISOString()
      try {
        const result = await db
          .updateTable('capture_mounts')
          .set({ name: next.name, data_json: dataOf(next), version: version + 1, updated_at: at })
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) {
          throw new CourierError('STORAGE_CONFLICT', 'This capture mount was changed elsewhere just now; reload it.')
        }
      } catch (error) {
        if (isUniqueViolation(error)) throw TAKEN(next.name)
        throw error
      }
      return { ...kept, ...next, version: version + 1, updatedAt: at }
    },
    async remove(id, userId, workspaceId) {
      const result = await db
        .deleteFrom('capture_mounts')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
  }
}
