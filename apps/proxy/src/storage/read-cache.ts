import type { Kysely } from 'kysely'
import type { CacheSignal } from '../ports/change-bus.js'
import { sqliteHandleOf } from './database.js'
import type { Database } from './schema.js'

/**
 * What every send reads and seldom changes (environments, globals, current values), kept in
 * memory per database and dropped on every write through this process. Another writer is seen
 * too: on SQLite, `PRAGMA data_version` moves whenever another connection (a second handle, a
 * `courier run` in another process) commits, and a read that sees it move drops everything. On
 * PostgreSQL the instances tell each other through the change bus (a NOTIFY after each write of what
 * is cached, see `share`); until a bus is connected, and while it cannot hear, nothing is kept.
 */
export class ReadCache {
  private readonly entries = new Map<string, unknown>()
  /** Bumped by every invalidation: a read that began before one does not keep what it loaded. */
  private generation = 0
  private seenVersion: unknown

  private signal: CacheSignal | undefined

  /** `externalVersion`: changes whenever another writer committed; absent, the cache keeps nothing. */
  constructor(private externalVersion?: () => unknown) {}

  /** Several instances on one database: `signal` says when another wrote, and hears this one's writes. */
  share(signal: CacheSignal): void {
    this.signal = signal
    this.externalVersion = () => signal.version()
    this.invalidate()
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.externalVersion) return load()
    const version = this.externalVersion()
    if (version !== this.seenVersion) {
      this.seenVersion = version
      this.invalidate()
    }
    if (this.entries.has(key)) return structuredClone(this.entries.get(key) as T)
    const generation = this.generation
    const value = await load()
    if (generation === this.generation) this.entries.set(key, structuredClone(value))
    return value
  }

  /**
   * Runs a write of what is cached, then drops the cache (failed or not) and tells the other
   * instances before answering: a request that starts after this write answered reads it anywhere.
   */
  async invalidateAfter<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } finally {
      this.invalidate()
      await this.signal?.announce()
    }
  }

  /** Called after every write of what is cached. */
  invalidate(): void {
    this.generation++
    this.entries.clear()
  }
}

const caches = new WeakMap<Kysely<Database>, ReadCache>()

/** The read cache of one database, shared by every workspace's and person's stores on it. */
export function readCacheOf(db: Kysely<Database>): ReadCache {
  let cache = caches.get(db)
  if (!cache) {
    const handle = sqliteHandleOf(db)
    const dataVersion = handle?.prepare('PRAGMA data_version').pluck()
    cache = new ReadCache(dataVersion ? () => dataVersion.get() : undefined)
    caches.set(db, cache)
  }
  return cache
}
