import { WorkspaceStateSchema, type WorkspaceState } from '@courier/shared'
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

export interface WorkspaceStore {
  /** Open tabs and drafts as last saved; empty on first start. */
  get(): Promise<WorkspaceState>
  put(state: WorkspaceState): Promise<void>
}

const ID = 'default'

export function createWorkspaceStore(db: Kysely<Database>): WorkspaceStore {
  return {
    async get() {
      const row = await db.selectFrom('workspace_state').select('json').where('id', '=', ID).executeTakeFirst()
      const parsed = WorkspaceStateSchema.safeParse(row ? JSON.parse(row.json) : null)
      return parsed.success ? parsed.data : { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] }
    },
    async put(state) {
      const values = { id: ID, json: JSON.stringify(state), updated_at: new Date().toISOString() }
      await db
        .insertInto('workspace_state')
        .values(values)
        .onConflict((c) => c.column('id').doUpdateSet({ json: values.json, updated_at: values.updated_at }))
        .execute()
    },
  }
}
