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
}
