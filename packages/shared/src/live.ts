import { z } from 'zod'

/**
 * What changed: a collection, a folder or saved request (item), an environment, who is viewing what,
 * a mock server's settings, or (published to `capture:USER_ID`, never a workspace) an exchange a
 * capture mount recorded, its id the history entry's, or the workspace folder's files and git state
 * (issue 19; id '').
 */
export const CHANGE_KINDS = ['collection', 'item', 'environment', 'presence', 'mock', 'capture', 'files'] as const

/**
 * One change in a workspace, as the server pushes it to every open page of that workspace (server-sent
 * events) and to the other instances (PostgreSQL NOTIFY). It carries ids and versions, never bodies:
 * a page refetches what it shows, through the same scoped routes as always.
 */
export const ChangeEventSchema = z.object({
  workspaceId: z.string().min(1).max(200),
  kind: z.enum(CHANGE_KINDS),
  /** The changed thing's id ('' when a change touches a whole collection tree, such as an undo). */
  id: z.string().max(200),
  /** The version the write produced; null for deletes and presence. */
  version: z.number().int().nullable(),
  action: z.enum(['saved', 'deleted']),
  by: z.object({ userId: z.string().max(200), name: z.string().max(200) }),
  /** The page that made the change (its x-courier-client header), so that page ignores its own echo. */
  clientId: z.string().max(64).nullable(),
  /** The server instance that published it, so an instance ignores its own NOTIFY echo. */
  instanceId: z.string().max(64),
  at: z.string().max(40),
})
export type ChangeEvent = z.infer<typeof ChangeEventSchema>
export type ChangeKind = ChangeEvent['kind']

/** Server-sent event names on the events stream. */
export const LIVE_EVENTS = {
  /** The stream is subscribed: from now on nothing is missed. Data: {}. */
  ready: 'ready',
  /** A ChangeEvent. */
  change: 'change',
  /** Events may have been missed (the server's bus reconnected): refetch everything. Data: {}. */
  resync: 'resync',
} as const

/** GET: text/event-stream of the changes in the named workspace (`?workspace=`, as EventSource cannot set headers). */
export const EVENTS_PATH = '/api/events'
/** The header a page names itself by (a random id per page load), echoed in the events its writes cause. */
export const CLIENT_HEADER = 'x-courier-client'
export const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

/** What a page reports: which saved request is in front (null: none). */
export const PresenceReportSchema = z.object({ clientId: ClientIdSchema, itemId: z.string().max(200).nullable() })
export type PresenceReport = z.infer<typeof PresenceReportSchema>

/** Someone else viewing a saved request of the workspace. */
export const ViewerSchema = z.object({ userId: z.string(), name: z.string(), itemId: z.string() })
export type Viewer = z.infer<typeof ViewerSchema>
export const ViewersSchema = z.array(ViewerSchema)
