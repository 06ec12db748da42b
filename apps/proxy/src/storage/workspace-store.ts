import { WorkspaceStateSchema, type WorkspaceState } from '@courier/shared'
import type { Kysely } from 'kysely'
import { LOCAL_USER_ID } from './migrations/0011-team.js'
import type { Database } from './schema.js'

/** Each person's open tabs and drafts (team mode: one state per person; the local user's is the one single-user Courier always had). */
export interface WorkspaceStore {
  /** Open tabs and drafts as last saved; empty on first start. */
  get(userId?: string): Promise<WorkspaceState>
  put(state: WorkspaceState, userId?: string): Promise<void>
  /** Every person's saved state (the start's sweep keeps the uploads any draft refers to). */
  all(): Promise<WorkspaceState[]>
}

/** The row of a person's state: 'default' for the local user, as before team mode. */
export function stateRowOf(userId: string): string {
  return userId === LOCAL_USER_ID ? 'default' : `user:${userId}`
}

const EMPTY: WorkspaceState = { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] }

function parse(json: string | undefined): WorkspaceState {
  const parsed = WorkspaceStateSchema.safeParse(json === undefined ? null : JSON.parse(json))
  return parsed.success ? parsed.data : { ...EMPTY }
}

export function createWorkspaceStore(db: Kysely<Database>): WorkspaceStore {
  return {
    async get(userId = LOCAL_USER_ID) {
      const row = await db
        .selectFrom('workspace_state')
        .select('json')
        .where('id', '=', stateRowOf(userId))
        .executeTakeFirst()
      return parse(row?.json)
    },
    async put(state, userId = LOCAL_USER_ID) {
      const values = { id: stateRowOf(userId), json: JSON.stringify(state), updated_at: new Date().toISOString() }
      await db
        .insertInto('workspace_state')
        .values(values)
        .onConflict((c) => c.column('id').doUpdateSet({ json: values.json, updated_at: values.updated_at }))
        .execute()
    },
    async all() {
      const rows = await db.selectFrom('workspace_state').select('json').execute()
      return rows.map((row) => parse(row.json))
    },
  }
}
