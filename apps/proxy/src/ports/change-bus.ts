import type { ChangeEvent } from '@courier/shared'

/** What a subscriber hears: a change in its workspace, or "events may have been missed: refetch everything". */
export type BusMessage = { type: 'change'; event: ChangeEvent } | { type: 'resync' }
export type BusListener = (message: BusMessage) => void

/**
 * Passes workspace changes to every open page on every instance. In-process on SQLite (one
 * instance); PostgreSQL LISTEN/NOTIFY when several instances share one database. A publisher's
 * own subscribers hear its events at once; other instances hear them through the database.
 */
export interface ChangeBus {
  /** This process's id, stamped on the events it publishes. */
  readonly instanceId: string
  /** Delivers to this instance's subscribers of the event's workspace and to every other instance. */
  publish(event: ChangeEvent): Promise<void>
  /** Answers the unsubscribe function. */
  subscribe(workspaceId: string, listener: BusListener): () => void
  close(): Promise<void>
  /** Instances on one PostgreSQL: what keeps their read caches true to each other's writes. */
  readonly cacheSignal?: CacheSignal
}

/**
 * Tells the read caches of several instances on one database that one of them wrote what they keep
 * (environments, current values, settings). `version()` changes whenever another instance announced a
 * write, and on every call while this instance cannot hear announcements (nothing is kept then).
 */
export interface CacheSignal {
  version(): unknown
  /** After a write of what is cached; answers once the other instances have been told (never throws). */
  announce(): Promise<void>
}
