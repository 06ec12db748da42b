import { z } from 'zod'
import { ErrorCodeSchema, ErrorPhaseSchema } from './error-codes.js'
import { PairsSchema } from './request-spec.js'
import { ScriptReportSchema } from './scripts.js'

/** Milliseconds spent in each phase, measured in the engine; absent phases did not happen (reused socket, plain http). */
export const TimingSchema = z.object({
  dns: z.number().nonnegative().optional(),
  connect: z.number().nonnegative().optional(),
  tls: z.number().nonnegative().optional(),
  /** Request written → first response byte. */
  firstByte: z.number().nonnegative().optional(),
  download: z.number().nonnegative().optional(),
  total: z.number().nonnegative(),
  /**
   * Present when the exchange went on a kept-alive connection an earlier send opened: then it has
   * no DNS/connect/TLS of its own, and these are the phases of the send that opened it.
   */
  connection: z
    .object({
      reused: z.literal(true),
      /** The record id of the send that opened the connection. */
      openedBy: z.string().optional(),
      dns: z.number().nonnegative().optional(),
      connect: z.number().nonnegative().optional(),
      tls: z.number().nonnegative().optional(),
    })
    .optional(),
})

/** What actually went on the wire: the seeds' `response.request`. */
export const SentRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: PairsSchema,
  bodySize: z.number().int().nonnegative(),
  /** First few KiB of a textual body, for display. */
  bodyPreview: z.string().optional(),
  /** Remote address actually connected to. */
  remoteAddress: z.string().optional(),
  /**
   * Headers and query parameters ("name (query)") Courier left out of this request because a
   * redirect took it to another origin than the one addressed: names only, never values.
   */
  droppedOnRedirect: z.array(z.string()).optional(),
})

export const BodyDescriptorSchema = z.object({
  contentType: z.string().nullable(),
  /** Decoded bytes stored. */
  size: z.number().int().nonnegative(),
  /** Byte-exact body, served with its content type. */
  url: z.string(),
  /** Small textual bodies come inline so the first view needs no second round trip. */
  inline: z.string().nullable(),
  isText: z.boolean(),
  truncated: z.boolean(),
  /** Set when a Content-Encoding could not be decoded; the raw bytes are stored instead. */
  decodeError: z.string().optional(),
  filename: z.string().optional(),
})

export const SetCookieSchema = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string().optional(),
  path: z.string().optional(),
  expires: z.string().optional(),
  maxAge: z.number().optional(),
  secure: z.boolean(),
  httpOnly: z.boolean(),
  sameSite: z.string().optional(),
  /** Whether the jar kept it (false when rejected or the jar is off). */
  stored: z.boolean().optional(),
  rejectedReason: z.string().optional(),
})

/** One redirect step: the response that said "go elsewhere". */
export const HopSchema = z.object({
  request: SentRequestSchema,
  status: z.number().int(),
  statusText: z.string(),
  headers: PairsSchema,
  location: z.string().nullable(),
  timing: TimingSchema,
})

/**
 * A try that failed and was retried. Records kept before timing was recorded have only
 * `attempt`, `status`/`errorCode`, `waitedMs` and `reason`.
 */
export const AttemptSchema = z.object({
  attempt: z.number().int().positive(),
  status: z.number().int().optional(),
  statusText: z.string().optional(),
  errorCode: ErrorCodeSchema.optional(),
  /** The failure's sentence, when the attempt got no answer. */
  errorMessage: z.string().optional(),
  /** The request of the attempt's last exchange. */
  method: z.string().optional(),
  url: z.string().optional(),
  /** When the attempt started, in ms after the send started. */
  startMs: z.number().nonnegative().optional(),
  /** The attempt's last exchange's phases; `total` is the whole attempt, its redirects included, the wait not. */
  timing: TimingSchema.optional(),
  /** The wait after this attempt, before the next one. */
  waitedMs: z.number().nonnegative(),
  /** Where the wait came from: the answer's Retry-After, or the exponential backoff. */
  waitSource: z.enum(['retry-after', 'backoff']).optional(),
  reason: z.string(),
})

export const ResponseErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  phase: ErrorPhaseSchema.optional(),
  field: z.string().optional(),
})

/**
 * What one send produced. `ok` is true whenever the target answered, whatever the status:
 * a 500 from the target is a normal response, not an error.
 */
export const ResponseRecordSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  startedAt: z.string(),
  status: z.number().int().nullable(),
  statusText: z.string(),
  httpVersion: z.string().nullable(),
  headers: PairsSchema,
  sizes: z.object({
    headers: z.number().int().nonnegative(),
    /** Body bytes as they crossed the wire (compressed). */
    bodyWire: z.number().int().nonnegative(),
    /** Body bytes after Content-Encoding was undone. */
    body: z.number().int().nonnegative(),
  }),
  timing: TimingSchema,
  body: BodyDescriptorSchema.nullable(),
  request: SentRequestSchema,
  hops: z.array(HopSchema),
  attempts: z.array(AttemptSchema),
  cookies: z.array(SetCookieSchema),
  /** Things Courier changed or noticed on the way, e.g. a dropped hop-by-hop header. */
  notes: z.array(z.string()),
  /** TLS verification was switched off for this send. */
  insecure: z.boolean(),
  /**
   * The answer stopped before it was complete (a timeout, a reset; `error` says which): status,
   * headers and body are what arrived until then.
   */
  partial: z.boolean().optional(),
  error: ResponseErrorSchema.nullable(),
  /** The scripts' and assertions' results: tests, console, script errors. Absent when there were none. */
  scripts: ScriptReportSchema.optional(),
})

export type Timing = z.infer<typeof TimingSchema>
export type SentRequest = z.infer<typeof SentRequestSchema>
export type BodyDescriptor = z.infer<typeof BodyDescriptorSchema>
export type SetCookie = z.infer<typeof SetCookieSchema>
export type Hop = z.infer<typeof HopSchema>
export type Attempt = z.infer<typeof AttemptSchema>
export type ResponseError = z.infer<typeof ResponseErrorSchema>
export type ResponseRecord = z.infer<typeof ResponseRecordSchema>
