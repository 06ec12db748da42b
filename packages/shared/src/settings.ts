import { z } from 'zod'
import { RetryPolicySchema } from './request-spec.js'

/** How every send behaves unless the request's own Settings tab says otherwise. */
export const SendDefaultsSchema = z.object({
  timeoutMs: z.number().int().min(1000).max(300_000).default(60_000),
  connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(50).default(10),
  verifyTls: z.boolean().default(true),
  useCookieJar: z.boolean().default(true),
  maxResponseBytes: z
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024 * 1024)
    .default(50 * 1024 * 1024),
  retry: RetryPolicySchema.default({
    attempts: 1,
    backoffMs: 500,
    maxBackoffMs: 30_000,
    onStatuses: [429, 500, 502, 503, 504],
    onNetworkErrors: true,
    respectRetryAfter: true,
  }),
  idempotencyKey: z.boolean().default(false),
  /** Every send on a new connection, closed after (off: kept-alive connections are reused per origin). */
  freshConnection: z.boolean().default(false),
  /** Sends in flight at once on this server; one more is refused with CONCURRENCY_LIMIT (429). */
  maxConcurrentSends: z.number().int().min(1).max(1000).default(32),
})

/** How much history to keep: unlimited unless one of these is set. */
export const HistoryRetentionSchema = z.object({
  maxEntries: z.number().int().min(10).nullable().default(null),
  maxBytes: z
    .number()
    .int()
    .min(1024 * 1024)
    .nullable()
    .default(null),
  maxAgeDays: z.number().int().min(1).nullable().default(null),
})

/** How responses are shown in the browser. */
export const ViewSettingsSchema = z.object({
  /** Bodies of this size or more first offer Download or View anyway instead of opening. */
  largeBodyBytes: z
    .number()
    .int()
    .min(1024 * 1024)
    .max(4 * 1024 * 1024 * 1024)
    .default(50 * 1024 * 1024),
})

/** Realtime sessions (WebSocket, SSE, Socket.IO, GraphQL subscriptions). */
export const RealtimeSettingsSchema = z.object({
  /** Frames kept per session (timeline and history); past it frames are counted, not kept. */
  maxFrames: z.number().int().min(100).max(1_000_000).default(100_000),
  /** Bytes of one frame's payload kept for the timeline and history; the rest is marked truncated. */
  maxFramePreviewBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024),
})

export const AppSettingsSchema = z.object({
  realtime: RealtimeSettingsSchema.default(RealtimeSettingsSchema.parse({})),
  send: SendDefaultsSchema.default(SendDefaultsSchema.parse({})),
  history: HistoryRetentionSchema.default(HistoryRetentionSchema.parse({})),
  view: ViewSettingsSchema.default(ViewSettingsSchema.parse({})),
})

export type SendDefaults = z.infer<typeof SendDefaultsSchema>
export type AppSettings = z.infer<typeof AppSettingsSchema>
export type HistoryRetentionSettings = z.infer<typeof HistoryRetentionSchema>
export type ViewSettings = z.infer<typeof ViewSettingsSchema>
export type RealtimeSettings = z.infer<typeof RealtimeSettingsSchema>
export type AppSettingsInput = z.input<typeof AppSettingsSchema>
