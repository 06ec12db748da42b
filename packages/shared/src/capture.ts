import { z } from 'zod'
import { PairsSchema } from './request-spec-pairs.js'

/**
 * Capture mounts (issue 18): `http://COURIER/capture/NAME/…` forwards to the mount's upstream,
 * answers CORS for the mount's listed origins, and records every exchange in its owner's history.
 * Off until a person creates one; Courier's own API (`/api`) is never reachable through a mount.
 */
export const CAPTURE_PREFIX = '/capture'

/** A mount's name is a path segment: lower-case letters, digits and dashes. */
export const MountNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'lower-case letters, digits and dashes (up to 63), starting with a letter or digit',
  )

/** An exact origin (`http://localhost:5173`), as a browser sends it in Origin. */
export const OriginSchema = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/\s?#]+$/, 'an origin such as http://localhost:5173 (scheme, host and port, no path)')

export const CaptureMountInputSchema = z.object({
  name: MountNameSchema,
  /** http(s) base URL; the rest of the captured path is appended to it. */
  upstream: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/[^\s]+$/i, 'an http:// or https:// URL'),
  /** Origins whose pages may call the mount (CORS answered for exactly these). */
  allowedOrigins: z.array(OriginSchema).max(50).default([]),
  /** Headers added to every forwarded request (e.g. `Authorization: Bearer {{token}}`); `{{variables}}` come from `environmentId`. */
  headers: PairsSchema.max(100).default([]),
  environmentId: z.string().max(200).nullable().default(null),
  /** A paused mount answers 503 and forwards nothing. */
  enabled: z.boolean().default(true),
})
export type CaptureMountInput = z.input<typeof CaptureMountInputSchema>

export const CaptureMountSchema = CaptureMountInputSchema.extend({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Where a front end calls it: this server's public origin + `/capture/NAME`. */
  url: z.string(),
})
export type CaptureMount = z.infer<typeof CaptureMountSchema>

export const UpdateCaptureMountSchema = CaptureMountInputSchema.partial().extend({ version: z.number().int() })

/** GET: text/event-stream; `capture` events carry a HistorySummary of each exchange as it is recorded. */
export const CAPTURE_EVENTS_PATH = '/api/capture/events'
export const CAPTURE_EVENTS = { ready: 'ready', capture: 'capture', resync: 'resync' } as const

/** The capture URL of a mount on a server whose public origin is `origin`. */
export function captureUrlOf(origin: string, name: string): string {
  return `${origin.replace(/\/+$/, '')}${CAPTURE_PREFIX}/${name}`
}
