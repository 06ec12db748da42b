import type { MountStore } from './capture-mount-store.js'
import type { SmallBodies } from './history-bodies.js'
import type { CacheSignal } from '../ports/change-bus.js'
import type { BlobStore } from '../ports/blob-store.js'
import type { HistoryEntry, HistoryPage, HistoryQuery } from '@courier/shared'
import type { CollectionStore } from './collection-store.js'
import type { EnvironmentStore } from './environment-store.js'
import type { WorkspaceStore } from './workspace-store.js'
import type { OAuthStore } from './oauth-store.js'
import type { OidcFlowStore } from './oidc-flow-store.js'
import type { SessionStore } from './session-store.js'
import type { MembershipStore } from './membership-store.js'
import type { AuditStore } from './audit-store.js'
import type { InvitationStore } from './invitation-store.js'
import type { PresenceStore } from './presence-store.js'
import type { SendLeaseStore } from './send-lease-store.js'
import type { FailureStore } from './failure-store.js'
import type { VariableValueStore } from './variable-values-store.js'
import type { UserStore } from './user-store.js'
import type { VersionStore } from './version-store.js'
import type { TrashStore } from './trash-store.js'
import type { RunRegistry, RunStore } from './run-store.js'
import type { IntegrityCheck } from './integrity-check.js'
import type { MockStore } from '../mock/mock-store.js'

/** How much history to keep; null means no limit of that kind. */
export type HistoryRetention = { maxEntries: number | null; maxBytes: number | null; maxAgeDays: number | null }

export interface HistoryStore {
  /**
   * Keeps an exchange; `searchText` (request and the start of the response body) feeds full-text
   * search; `body`: a small response body kept in the entry's row instead of the body store.
   */
  append(entry: HistoryEntry, searchText?: string, body?: Buffer): Promise<void>
  /** Newest first. */
  list(query: HistoryQuery): Promise<HistoryPage>
  get(id: string): Promise<HistoryEntry | undefined>
  /** False when nothing had that id. */
  remove(id: string): Promise<boolean>
  /** Removes every entry; answers their ids (their bodies go too). */
  clear(): Promise<string[]>
  /** Drops what the retention policy no longer keeps, oldest first; answers the removed ids. */
  prune(retention: HistoryRetention): Promise<string[]>
  /** Which of `ids` are anyone's entries, server-wide (the start-up sweep keeps their bodies). */
  known(ids: readonly string[]): Promise<Set<string>>
}

export interface SettingsStore {
  get<T>(key: string): Promise<T | undefined>
  put(key: string, value: unknown): Promise<void>
}

/** Serialized cookie jars (tough-cookie JSON) by id. */
export interface CookieJarStore {
  load(id: string): Promise<string | undefined>
  save(id: string, json: string): Promise<void>
}

/** What belongs to one workspace; every query behind it is scoped by the workspace's id. */
export type WorkspaceData = {
  readonly collections: CollectionStore
  readonly environments: EnvironmentStore
  /** Every kept version of its collections, items and environments; restore writes a new one. */
  readonly versions: VersionStore
  /** What was deleted, for 30 days. */
  readonly trash: TrashStore
}

/** Everything Courier keeps, behind one interface with a SQLite and a PostgreSQL dialect. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  /** The data file's integrity, checked in the background after start (never while opening it). */
  readonly integrity: IntegrityCheck
  readonly history: HistoryStore
  readonly settings: SettingsStore
  readonly cookieJars: CookieJarStore
  readonly collections: CollectionStore
  readonly environments: EnvironmentStore
  /** The local workspace's versions and trash. */
  readonly versions: VersionStore
  readonly trash: TrashStore
  readonly workspace: WorkspaceStore
  readonly oauth: OAuthStore
  /** Browser sign-in: one-time login tokens and sessions (hashes only). */
  readonly sessions: SessionStore
  /** Team mode: workspaces and their members' roles. */
  readonly memberships: MembershipStore
  /** Team mode: invitation links to a workspace. */
  readonly invitations: InvitationStore
  /** Who did what, when (sign-ins, token use, role changes, changes to shared items). */
  readonly audit: AuditStore
  /** Team mode: who views which saved request (rows that expire). */
  readonly presence: PresenceStore
  /** Team mode: a lease per send, for each person's limits across instances. */
  readonly sendLeases: SendLeaseStore
  /** Team mode: failed credentials per client address, for the failure limiter across instances. */
  readonly failures: FailureStore
  /** Team mode: people, their set-password links and API tokens (hashes only). */
  readonly users: UserStore
  /** Team mode: OpenID Connect sign-ins in progress (one-time, expiring). */
  readonly oidcFlows: OidcFlowStore
  /**
   * Team mode: the collections and environments of one workspace (the two above are the local
   * workspace's), as `userId` (default: the local user) acts on them: versions and trash name them.
   */
  inWorkspace(workspaceId: string, userId?: string): WorkspaceData
  /** Team mode: one person's history (`history` above is the local user's). */
  historyOf(userId: string): HistoryStore
  /** The local user's kept collection runs. */
  readonly runs: RunStore
  /** One person's kept runs in one workspace. */
  runsOf(workspaceId: string, userId: string): RunStore
  /** Mock servers of every workspace and the calls they received (issue 18). */
  readonly mocks: MockStore
  /** Every process's runs: heartbeats, and failing the runs a stopped process left "running". */
  readonly runRegistry: RunRegistry
  /** Capture mounts (issue 18), named server-wide, each a person's. */
  readonly captureMounts: MountStore
  /** Response bodies or uploaded files kept in this database (team mode on PostgreSQL). */
  blobs(kind: 'body' | 'file'): BlobStore
  /** The small response bodies kept in history rows, by entry id (the body store reads them). */
  smallBodies: SmallBodies
  /** The data of every collection and saved request of every workspace (the sweep keeps the uploads they name). */
  savedRequestTexts(): Promise<string[]>
  /** Drops every workspace's trash older than 30 days; answers how many entries. */
  sweepTrash(): Promise<number>
  /** One person's own current values of the variables of one workspace's environments. */
  currentValues(workspaceId: string, userId: string): VariableValueStore
  /** Several instances on one PostgreSQL: keep settings and environments in memory, true to each other's writes. */
  shareReadCache(signal: CacheSignal): void
  close(): Promise<void>
}
