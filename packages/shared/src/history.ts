import { z } from 'zod'
import { REALTIME_KINDS } from './realtime-spec.js'
import { ErrorCodeSchema } from './error-codes.js'
import { RequestSpecSchema } from './request-spec.js'
import { ResponseRecordSchema } from './response-record.js'

/** One line of the history list. */
export const HistorySummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  errorCode: ErrorCodeSchema.nullable(),
  durationMs: z.number().nonnegative(),
  size: z.number().int().nonnegative(),
  /** Set when the entry is a realtime session (its spec's `realtime.kind`): the list shows WS/SIO/SSE/GQL. */
  realtimeKind: z.enum(REALTIME_KINDS).optional(),
  /** Set when a capture mount recorded the exchange (issue 18): the mount's name. */
  capture: z.string().optional(),
})

/** A whole exchange as kept: the request as the person wrote it and what came back, secrets masked. */
export const HistoryEntrySchema = HistorySummarySchema.extend({
  request: RequestSpecSchema,
  response: ResponseRecordSchema,
})

export const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Opaque cursor from the previous page. */
  before: z.string().optional(),
  /** Words to find in the URL, the request or the response body (full-text). */
  q: z.string().max(500).optional(),
  method: z.string().max(64).optional(),
  /** An exact status (`404`), a class (`4xx`), or `error` for sends that failed. */
  status: z
    .string()
    .regex(/^([1-5]\d\d|[1-5]xx|error)$/, 'a status like 404, a class like 4xx, or error')
    .optional(),
  /** ISO date-times bounding when it was sent. */
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  /** Captured exchanges only: a mount's name, or `*` for every mount. */
  capture: z.string().max(64).optional(),
  /** Text the URL's path (and query) must contain. */
  path: z.string().max(500).optional(),
})

export const HistoryPageSchema = z.object({
  items: z.array(HistorySummarySchema),
  nextCursor: z.string().nullable(),
})

export type HistorySummary = z.infer<typeof HistorySummarySchema>
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>
export type HistoryQueryInput = z.input<typeof HistoryQuerySchema>
export type HistoryPage = z.infer<typeof HistoryPageSchema>
