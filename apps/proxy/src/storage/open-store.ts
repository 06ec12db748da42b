import { createMountStore } from './capture-mount-store.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { Kysely } from 'kysely'
import { readCacheOf } from './read-cache.js'
import { createSmallBodies } from './history-bodies.js'
import { DatabaseBlobs } from './database-blobs.js'
import { createCollectionStore } from './collection-store.js'
import { openDatabase, sqliteHandleOf, type DatabaseTarget } from './database.js'
import { nothingToCheck, SqliteIntegrity } from './integrity-check.js'
import { createEnvironmentStore } from './environment-store.js'
import { createWorkspaceStore } from './workspace-store.js'
import { createHistoryStore } from './history-store.js'
import { createCookieJarStore, createSettingsStore } from './key-value-stores.js'
import type { Store, WorkspaceData } from './store.js'
import { createOAuthStore } from './oauth-store.js'
import { createSessionStore } from './session-store.js'
import { createMembershipStore } from './membership-store.js'
import { createAuditStore } from './audit-store.js'
import { createInvitationStore } from './invitation-store.js'
import { createPresenceStore } from './presence-store.js'
import { createSendLeaseStore } from './send-lease-store.js'
import { createFailureStore } from './failure-store.js'
import { createVariableValueStore } from './variable-values-store.js'
import { createUserStore } from './user-store.js'
import { createOidcFlowStore } from './oidc-flow-store.js'
import { createRunRegistry, createRunStore } from './run-store.js'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from './migrations/0011-team.js'
import type { Database } from './schema.js'
import { versionLog, type Clock } from './version-log.js'
import { trashLog } from './trash-log.js'
import { createVersionStore } from './version-store.js'
import { createTrashStore, purgeAllTrash } from './trash-store.js'
import { createMockStore } from '../mock/mock-store.js'

export type StoreOptions = {
  /** The time versions and trash entries are stamped with and purged by (tests pass their own). */
  clock?: Clock
}

/** The collections, environments, versions and trash of one workspace as one person acts on them. */
function workspaceData(
  db: Kysely<Database>,
  secrets: SecretBox,
  ws: string,
  userId: string,
  clock: Clock,
): WorkspaceData {
  const collections = createCollectionStore(db, secrets, ws, userId, clock)
  const environments = createEnvironmentStore(db, secrets, ws, userId, clock)
  const data = { collections, environments }
  return {
    ...data,
    versions: createVersionStore(db, secrets, ws, versionLog(ws, userId, clock), data),
    trash: createTrashStore(db, ws, trashLog(secrets, ws, userId, clock), clock, data),
  }
}

/** Opens the database and every store on it; secrets inside are sealed with `secrets`. */
export async function openStore(
  target: DatabaseTarget,
  secrets: SecretBox,
  options: StoreOptions = {},
): Promise<Store> {
  const db = await openDatabase(target)
  const clock = options.clock ?? (() => new Date())
  const local = workspaceData(db, secrets, LOCAL_WORKSPACE_ID, LOCAL_USER_ID, clock)
  const handle = sqliteHandleOf(db)
  const integrity =
    target.kind === 'postgres'
      ? nothingToCheck('PostgreSQL checks its own storage.')
      : target.path === ':memory:' || !handle
        ? nothingToCheck('An in-memory database has no file to check.')
        : new SqliteIntegrity(target.path, handle)
  return {
    kind: target.kind,
    integrity,
    history: createHistoryStore(db, secrets),
    settings: createSettingsStore(db),
    cookieJars: createCookieJarStore(db, secrets),
    ...local,
    workspace: createWorkspaceStore(db),
    oauth: createOAuthStore(db),
    sessions: createSessionStore(db),
    memberships: createMembershipStore(db),
    invitations: createInvitationStore(db),
    audit: createAuditStore(db),
    presence: createPresenceStore(db),
    sendLeases: createSendLeaseStore(db),
    failures: createFailureStore(db),
    users: createUserStore(db),
    oidcFlows: createOidcFlowStore(db),
    currentValues: (workspaceId, userId) => createVariableValueStore(db, secrets, workspaceId, userId),
    inWorkspace: (workspaceId, userId = LOCAL_USER_ID) => workspaceData(db, secrets, workspaceId, userId, clock),
    historyOf: (userId) => createHistoryStore(db, secrets, userId),
    runs: createRunStore(db, LOCAL_WORKSPACE_ID, LOCAL_USER_ID),
    runsOf: (workspaceId, userId) => createRunStore(db, workspaceId, userId),
    runRegistry: createRunRegistry(db),
    captureMounts: createMountStore(db, secrets, clock),
    mocks: createMockStore(db, clock),
    blobs: (kind) =>
      new DatabaseBlobs(
        db,
        kind,
        (salt, info, length) => secrets.deriveKey(salt, info, length),
        kind === 'body' ? 'response body' : 'uploaded file',
      ),
    smallBodies: createSmallBodies(db, secrets),
    savedRequestTexts: async () => {
      const collections = await db.selectFrom('collections').select('data_json').execute()
      const items = await db.selectFrom('collection_items').select('data_json').execute()
      return [...collections, ...items].map((row) => row.data_json)
    },
    sweepTrash: () => purgeAllTrash(db, clock),
    shareReadCache: (signal) => readCacheOf(db).share(signal),
    close: async () => {
      await integrity.close()
      await db.destroy()
    },
  }
}
