import {
  MockCallSchema,
  MockInputSchema,
  UpdateMockSchema,
  type Mock,
  type MockCall,
  type MockInput,
} from '@courier/shared'
import type { Kysely, Selectable } from 'kysely'
import type { z } from 'zod'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { Database, MockTable } from '../storage/schema.js'
import { changedOneRow } from '../storage/versioned-write.js'

/** A mock as stored: everything but its URL (the origin it is served on is the server's, not the row's). */
export type StoredMock = Omit<Mock, 'url'> & { workspaceId: string }
export type UpdateMock = z.infer<typeof UpdateMockSchema>

/** How many calls each mock keeps; a new call beyond them drops the oldest. */
export const KEPT_MOCK_CALLS = 1000

/** One workspace's mock servers; every query filters on the workspace. */
export interface WorkspaceMocks {
  list(): Promise<StoredMock[]>
  get(id: string): Promise<StoredMock | undefined>
  create(input: MockInput): Promise<StoredMock>
  /** A stale `version` answers STORAGE_CONFLICT with the current mock; an unknown id NOT_FOUND. */
  update(id: string, patch: UpdateMock): Promise<StoredMock>
  /** False when this workspace has no mock with that id (its calls go with it). */
  remove(id: string): Promise<boolean>
  /** Newest first; undefined when this workspace has no mock with that id. */
  calls(id: string): Promise<MockCall[] | undefined>
  /** False when this workspace has no mock with that id. */
  clearCalls(id: string): Promise<boolean>
}

/** Mock servers (migration 0024), by workspace for the API and by id alone for the mock listener. */
export interface MockStore {
  inWorkspace(workspaceId: string, userId: string): WorkspaceMocks
  /** Any workspace's mock by its id: the listener has no session, the id in the URL is the key. */
  find(id: string): Promise<StoredMock | undefined>
  /** Keeps a call the mock received; beyond the newest KEPT_MOCK_CALLS the oldest go. */
  logCall(mockId: string, call: MockCall): Promise<void>
  /**
   * What changes whenever the collection or any of its folders and saved requests changes (its
   * version, its items' count, versions and last change), or null when the workspace has no such
   * collection: the key the listener caches a collection's routes by.
   */
  collectionStamp(workspaceId: string, collectionId: string): Promise<string | null>
}

export const MOCK_GONE = 'That mock server no longer exists; it may have been deleted in another tab.'

function toMock(row: Selectable<MockTable>): StoredMock {
  const input = MockInputSchema.parse(JSON.parse(row.data_json))
  return {
    ...input,
    id: row.id,
    workspaceId: row.workspace_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

const dataOf = (mock: z.infer<typeof MockInputSchema>): string =>
  JSON.stringify({
    name: mock.name,
    source: mock.source,
    allowedOrigins: mock.allowedOrigins,
    delayMs: mock.delayMs,
    routes: mock.routes,
    enabled: mock.enabled,
  })

export function createMockStore(db: Kysely<Database>, now: () => Date = () => new Date()): MockStore {
  const stamp = () => now().toISOString()

  const inWorkspace = (ws: string, userId: string): WorkspaceMocks => {
    const mine = () => db.selectFrom('mocks').where('workspace_id', '=', ws)
    const owns = async (id: string) => (await mine().select('id').where('id', '=', id).executeTakeFirst()) !== undefined
    const get = async (id: string) => {
      const row = await mine().selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toMock(row) : undefined
    }
    return {
      async list() {
        const rows = await mine().selectAll().orderBy('created_at').orderBy('id').execute()
        return rows.map(toMock)
      },
      get,
      async create(input) {
        const parsed = MockInputSchema.parse(input)
        const at = stamp()
        const row = {
          id: newId(),
          workspace_id: ws,
          user_id: userId,
          data_json: dataOf(parsed),
          version: 1,
          created_at: at,
          updated_at: at,
        }
        await db.insertInto('mocks').values(row).execute()
        return toMock(row)
      },
      async update(id, patch) {
        const current = await get(id)
        if (!current) throw new CourierError('NOT_FOUND', MOCK_GONE)
        const { version, ...changes } = patch
        if (version !== current.version) throw conflict(current)
        const next = MockInputSchema.parse({ ...current, ...changes })
        const result = await db
          .updateTable('mocks')
          .set({ data_json: dataOf(next), version: version + 1, updated_at: stamp(), user_id: userId })
          .where('workspace_id', '=', ws)
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst()
        if (!changedOneRow(result)) {
          const now = await get(id)
          if (!now) throw new CourierError('NOT_FOUND', MOCK_GONE)
          throw conflict(now)
        }
        return (await get(id))!
      },
      async remove(id) {
        if (!(await owns(id))) return false
        await db.deleteFrom('mock_calls').where('mock_id', '=', id).execute()
        const result = await db
          .deleteFrom('mocks')
          .where('workspace_id', '=', ws)
          .where('id', '=', id)
          .executeTakeFirst()
        return Number(result.numDeletedRows) > 0
      },
      async calls(id) {
        if (!(await owns(id))) return undefined
        const rows = await db
          .selectFrom('mock_calls')
          .select('data_json')
          .where('mock_id', '=', id)
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(KEPT_MOCK_CALLS)
          .execute()
        return rows.map((row) => MockCallSchema.parse(JSON.parse(row.data_json)))
      },
      async clearCalls(id) {
        if (!(await owns(id))) return false
        await db.deleteFrom('mock_calls').where('mock_id', '=', id).execute()
        return true
      },
    }
  }

  return {
    inWorkspace,
    async find(id) {
      const row = await db.selectFrom('mocks').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toMock(row) : undefined
    },
    async logCall(mockId, call) {
      await db
        .insertInto('mock_calls')
        .values({ id: call.id, mock_id: mockId, at: call.at, data_json: JSON.stringify(call) })
        .execute()
      // Ids are time-ordered (UUIDv7): everything older than the newest KEPT_MOCK_CALLS goes.
      const oldestKept = await db
        .selectFrom('mock_calls')
        .select('id')
        .where('mock_id', '=', mockId)
        .orderBy('id', 'desc')
        .offset(KEPT_MOCK_CALLS - 1)
        .limit(1)
        .executeTakeFirst()
      if (oldestKept)
        await db.deleteFrom('mock_calls').where('mock_id', '=', mockId).where('id', '<', oldestKept.id).execute()
    },
    async collectionStamp(workspaceId, collectionId) {
      const collection = await db
        .selectFrom('collections')
        .select(['version', 'updated_at'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', collectionId)
        .executeTakeFirst()
      if (!collection) return null
      const items = await db
        .selectFrom('collection_items')
        .select((eb) => [
          eb.fn.countAll().as('count'),
          eb.fn.sum<number | string | null>('version').as('versions'),
          eb.fn.max('updated_at').as('last'),
        ])
        .where('workspace_id', '=', workspaceId)
        .where('collection_id', '=', collectionId)
        .executeTakeFirst()
      return [
        collection.version,
        collection.updated_at,
        String(items?.count ?? 0),
        String(items?.versions ?? 0),
        items?.last ?? '',
      ].join('/')
    },
  }
}

function conflict(current: StoredMock): CourierError {
  return new CourierError(
    'STORAGE_CONFLICT',
    'Someone else changed this mock server since you loaded it. Reload to see their version, or save yours again over it.',
    { details: { current } },
  )
}
