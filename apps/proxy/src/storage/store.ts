import type { HistoryEntry, HistoryPage, HistoryQuery } from '@courier/shared'
import type { CollectionStore } from './collection-store.js'
import type { EnvironmentStore } from './environment-store.js'
import type { WorkspaceStore } from './workspace-store.js'
import type { OAuthStore } from './oauth-store.js'
import type { SessionStore } from './session-store.js'

/** How much history to keep; null means no limit of that kind. */
export type HistoryRetention = { maxEntries: number | null; maxBytes: number | null; maxAgeDays: number | null }

export interface HistoryStore {
  /** Keeps an exchange; `searchText` (request and the start of the response body) feeds full-text search. */
  append(entry: HistoryEntry, searchText?: string): Promise<void>
  /** Newest first. */
  list(query: HistoryQuery): Promise<HistoryPage>
  get(id: string): Promise<HistoryEntry | undefined>
  /** False when nothing had that id. */
  remove(id: string): Promise<boolean>
  /** Removes every entry; answers how many there were. */
  clear(): Promise<number>
  /** Drops what the retention policy no longer keeps, oldest first; answers the removed ids. */
  prune(retention: HistoryRetention): Promise<string[]>
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

/** Everything Courier keeps, behind one interface with a SQLite and a PostgreSQL dialect. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  readonly history: HistoryStore
  readonly settings: SettingsStore
  readonly cookieJars: CookieJarStore
  readonly collections: CollectionStore
  readonly environments: EnvironmentStore
  readonly workspace: WorkspaceStore
  readonly oauth: OAuthStore
  /** Browser sign-in: one-time login tokens and sessions (hashes only). */
  readonly sessions: SessionStore
  close(): Promise<void>
}
