import { z } from 'zod'
import { SendInputSchema } from './endpoints.js'
import { MESSAGE_FORMATS } from './realtime-spec.js'

/**
 * Realtime sessions: WebSocket, server-sent events, Socket.IO and GraphQL subscriptions. The upstream
 * connection is Courier's (the destination policy, auth, variables and cookies apply as for a send);
 * the page talks to Courier over one WebSocket at REALTIME_PATH, carrying every session it has open.
 */
export const REALTIME_PATH = '/api/realtime'

export * from './realtime-spec.js'

/** Direction of a frame: sent by Courier upstream, received from upstream, or Courier's own note (connected, reconnecting…). */
export const FRAME_DIRECTIONS = ['out', 'in', 'info'] as const

export const FRAME_TYPES = [
  'text',
  'binary',
  'ping',
  'pong',
  'open',
  'close',
  'error',
  /** An SSE event, a Socket.IO event or a GraphQL subscription result. */
  'event',
  /** A Socket.IO acknowledgement. */
  'ack',
] as const

/** One frame of a session's timeline. */
export const FrameSchema = z.object({
  /** Order within the session, from 1. */
  seq: z.number().int().positive(),
  /** Milliseconds since the epoch. */
  at: z.number(),
  dir: z.enum(FRAME_DIRECTIONS),
  type: z.enum(FRAME_TYPES),
  /** Bytes on the wire (payload), for the Size column. */
  size: z.number().int().nonnegative(),
  /** Text as received; binary as base64 (`encoding: 'base64'`). Truncated past the preview cap (`truncated`). */
  data: z.string(),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  truncated: z.boolean().optional(),
  /** SSE: event name, id and retry; Socket.IO: the event name; GraphQL: the operation id. */
  event: z.string().optional(),
  id: z.string().optional(),
  retry: z.number().optional(),
  /** Close frames: code and reason. */
  code: z.number().int().optional(),
  reason: z.string().optional(),
})
export type Frame = z.infer<typeof FrameSchema>

/** The upstream's handshake as Courier saw it: what was asked and what came back. */
export const RealtimeHandshakeSchema = z.object({
  url: z.string(),
  status: z.number().int().optional(),
  statusText: z.string().optional(),
  requestHeaders: z.array(z.tuple([z.string(), z.string()])).default([]),
  responseHeaders: z.array(z.tuple([z.string(), z.string()])).default([]),
  /** The subprotocol the server chose. */
  protocol: z.string().optional(),
  /** The connected address (after the destination policy). */
  remoteAddress: z.string().optional(),
})
export type RealtimeHandshake = z.infer<typeof RealtimeHandshakeSchema>

/** A close code a WebSocket endpoint may send (as `ws` checks it: RFC 6455 §7.4). */
export function isSendableCloseCode(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999)
  )
}

/** Page → Courier. `sessionId` is chosen by the page (a UUID). */
export const RealtimeClientMessageSchema = z.discriminatedUnion('type', [
  /** The page's CSRF token, first message on the socket; nothing else is accepted before it. */
  z.object({ type: z.literal('hello'), token: z.string().max(200) }),
  z.object({
    type: z.literal('open'),
    sessionId: z.string().min(1).max(64),
    /** The request as for /api/send; `request.realtime` says which kind of session. */
    input: SendInputSchema,
    /** SSE reconnect: resume after this event id. */
    lastEventId: z.string().max(1024).optional(),
  }),
  z.object({
    type: z.literal('send'),
    sessionId: z.string().min(1).max(64),
    format: z.enum(MESSAGE_FORMATS),
    data: z.string().max(16 * 1024 * 1024),
    /** Socket.IO: event name and whether to ask for an acknowledgement; `data` is then a JSON array of arguments. */
    event: z.string().max(200).optional(),
    ack: z.boolean().optional(),
  }),
  z.object({ type: z.literal('ping'), sessionId: z.string().min(1).max(64) }),
  z.object({
    type: z.literal('close'),
    sessionId: z.string().min(1).max(64),
    code: z
      .number()
      .int()
      .refine(isSendableCloseCode, {
        message: 'A close code is 1000–1003, 1007–1014 or 3000–4999 (the others are reserved, RFC 6455 §7.4).',
      })
      .optional(),
    reason: z
      .string()
      .refine((reason) => new TextEncoder().encode(reason).length <= 123, {
        message: 'A close reason is at most 123 bytes of UTF-8.',
      })
      .optional(),
  }),
])
export type RealtimeClientMessage = z.infer<typeof RealtimeClientMessageSchema>

/** Courier → page. Frames come in batches (one message per event-loop turn at most). */
export const RealtimeServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('opened'), sessionId: z.string(), handshake: RealtimeHandshakeSchema }),
  z.object({ type: z.literal('frames'), sessionId: z.string(), frames: z.array(FrameSchema) }),
  z.object({
    type: z.literal('closed'),
    sessionId: z.string(),
    code: z.number().int().optional(),
    reason: z.string().optional(),
    /** The history entry the session was kept as. */
    historyId: z.string().optional(),
    /** Frames dropped past the frame cap (Settings), still counted. */
    droppedFrames: z.number().int().nonnegative().default(0),
  }),
  z.object({
    type: z.literal('error'),
    sessionId: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
])
export type RealtimeServerMessage = z.infer<typeof RealtimeServerMessageSchema>

/**
 * A session in history is a history entry whose spec has `realtime` and whose response body is the
 * timeline: one JSON Frame per line (this content type). An SSE session's body is instead the
 * event stream byte-exact, as for any HTTP send.
 */
export const FRAMES_CONTENT_TYPE = 'application/x-courier-frames+jsonl'
