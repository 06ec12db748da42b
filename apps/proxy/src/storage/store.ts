import type { HistoryEntry, HistoryPage, HistoryQuery } from '@courier/shared'

export interface HistoryStore {
  append(entry: HistoryEntry): Promise<void>
  /** Newest first. */
  list(query: HistoryQuery): Promise<HistoryPage>
  get(id: string): Promise<HistoryEntry | undefined>
  /** False when nothing had that id. */
  remove(id: string): Promise<boolean>
  /** Removes every entry; answers how many there were. */
  clear(): Promise<number>
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
  close(): Promise<void>
}
