import type { Kysely } from 'kysely'
import { newId } from '../ids.js'
import type { Database } from './schema.js'
import type { Role } from './team-schema.js'

export type WorkspaceRow = { id: string; name: string; kind: 'personal' | 'team'; createdAt: string }
export type Member = { userId: string; email: string; name: string; role: Role; joinedAt: string }

/** Team mode: workspaces and who belongs to them with which role. */
export interface MembershipStore {
  createWorkspace(name: string, kind: 'personal' | 'team', ownerId: string): Promise<WorkspaceRow>
  /** The person's personal workspace, made on first use. */
  personalOf(userId: string, name: string): Promise<WorkspaceRow>
  /** Every workspace the person belongs to, with their role; personal first, then by name. */
  listFor(userId: string): Promise<(WorkspaceRow & { role: Role })[]>
  /** The person's role in the workspace, or undefined when they are not a member (or it does not exist). */
  roleOf(workspaceId: string, userId: string): Promise<Role | undefined>
  get(workspaceId: string): Promise<WorkspaceRow | undefined>
  rename(workspaceId: string, name: string): Promise<void>
  members(workspaceId: string): Promise<Member[]>
  /** Adds or changes a membership. */
  setRole(workspaceId: string, userId: string, role: Role): Promise<void>
  /** False when they were not a member. Takes effect on the next request: nothing is cached. */
  removeMember(workspaceId: string, userId: string): Promise<boolean>
  /** How many owners the workspace has (the last owner cannot leave or be demoted). */
  ownerCount(workspaceId: string): Promise<number>
}

const now = () => new Date().toISOString()
const toWorkspace = (row: Database['workspaces']): WorkspaceRow => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.created_at,
})

export function createMembershipStore(db: Kysely<Database>): MembershipStore {
  const store: MembershipStore = {
    async createWorkspace(name, kind, ownerId) {
      const row = { id: newId(), name, kind, created_at: now() }
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('workspaces').values(row).execute()
        await tx
          .insertInto('memberships')
          .values({ workspace_id: row.id, user_id: ownerId, role: 'owner', created_at: row.created_at })
          .execute()
      })
      return toWorkspace(row)
    },

    async personalOf(userId, name) {
      const existing = await db
        .selectFrom('workspaces')
        .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
        .selectAll('workspaces')
        .where('memberships.user_id', '=', userId)
        .where('memberships.role', '=', 'owner')
        .where('workspaces.kind', '=', 'personal')
        .orderBy('workspaces.created_at')
        .executeTakeFirst()
      return existing ? toWorkspace(existing) : store.createWorkspace(name, 'personal', userId)
    },

    async listFor(userId) {
      const rows = await db
        .selectFrom('workspaces')
        .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
        .selectAll('workspaces')
        .select('memberships.role')
        .where('memberships.user_id', '=', userId)
        .execute()
      return rows
        .map((row) => ({ ...toWorkspace(row), role: row.role }))
        .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'personal' ? -1 : 1))
    },

    async roleOf(workspaceId, userId) {
      const row = await db
        .selectFrom('memberships')
        .select('role')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return row?.role
    },

    async get(workspaceId) {
      const row = await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst()
      return row ? toWorkspace(row) : undefined
    },

    async rename(workspaceId, name) {
      await db.updateTable('workspaces').set({ name }).where('id', '=', workspaceId).execute()
    },

    async members(workspaceId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
        .where('memberships.workspace_id', '=', workspaceId)
        .orderBy('users.name')
        .execute()
      return rows.map((row) => ({
        userId: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        joinedAt: row.created_at,
      }))
    },

    async setRole(workspaceId, userId, role) {
      await db
        .insertInto('memberships')
        .values({ workspace_id: workspaceId, user_id: userId, role, created_at: now() })
        .onConflict((c) => c.columns(['workspace_id', 'user_id']).doUpdateSet({ role }))
        .execute()
    },

    async removeMember(workspaceId, userId) {
      const result = await db
        .deleteFrom('memberships')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async ownerCount(workspaceId) {
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('role', '=', 'owner')
        .executeTakeFirst()
      return Number(row?.n ?? 0)
    },
  }
  return store
}
