import type { HistoryStore, Store, WorkspaceData } from '../storage/store.js'
import type { RunStore } from '../storage/run-store.js'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import type { Role } from '../storage/team-schema.js'

export type { Role }

/** Who is acting: the local user in single-user mode, a signed-in person or an API token's owner in team mode. */
export type Actor = {
  userId: string
  email: string | null
  name: string
  /** How this request proved who it is. */
  via: 'local' | 'session' | 'token'
}

export const LOCAL_ACTOR: Actor = { userId: LOCAL_USER_ID, email: null, name: 'You', via: 'local' }

/**
 * What one request may touch: the actor, the workspace it works in and the actor's role there,
 * and the stores already scoped to both. Routes, performSend and the runner use only these, so a
 * query cannot forget its workspace.
 */
export type Scope = {
  actor: Actor
  workspaceId: string
  role: Role
  data: WorkspaceData
  history: HistoryStore
  /** The actor's kept collection runs in this workspace. */
  runs: RunStore
}

/** Single-user Courier: the local user owns the one local workspace. */
export function localScope(store: Store): Scope {
  return {
    actor: LOCAL_ACTOR,
    workspaceId: LOCAL_WORKSPACE_ID,
    role: 'owner',
    data: {
      collections: store.collections,
      environments: store.environments,
      versions: store.versions,
      trash: store.trash,
    },
    history: store.history,
    runs: store.runs,
  }
}

/** The scope of `actor` in workspace `workspaceId` with `role` (membership already checked). */
export function memberScope(store: Store, actor: Actor, workspaceId: string, role: Role): Scope {
  return {
    actor,
    workspaceId,
    role,
    data: store.inWorkspace(workspaceId, actor.userId),
    history: store.historyOf(actor.userId),
    runs: store.runsOf(workspaceId, actor.userId),
  }
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 }

/** What each role may do: viewers send but do not save; owners and admins read secret values and manage members. */
export const can = {
  send: (_role: Role) => true,
  save: (role: Role) => RANK[role] >= RANK.editor,
  readSecrets: (role: Role) => RANK[role] >= RANK.admin,
  manageMembers: (role: Role) => RANK[role] >= RANK.admin,
  deleteWorkspace: (role: Role) => role === 'owner',
}
