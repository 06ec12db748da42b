import { z } from 'zod'

export const REALTIME_KINDS = ['websocket', 'sse', 'socketio', 'graphql'] as const
export type RealtimeKind = (typeof REALTIME_KINDS)[number]

/** How a message is written in the composer: text as is, JSON (checked, variables resolved), binary as base64. */
export const MESSAGE_FORMATS = ['text', 'json', 'binary'] as const

/** A message saved with a request, to send again with one click. */
export const SavedMessageSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  format: z.enum(MESSAGE_FORMATS).default('text'),
  /** Text or JSON as typed (may hold `{{variables}}`); binary as base64. */
  data: z.string().max(16 * 1024 * 1024),
  /** Socket.IO only: the event name to emit. */
  event: z.string().max(200).optional(),
  /** Socket.IO only: wait for an acknowledgement. */
  ack: z.boolean().optional(),
})
export type SavedMessage = z.infer<typeof SavedMessageSchema>

export const GRAPHQL_WS_PROTOCOLS = ['graphql-transport-ws', 'graphql-ws'] as const

/**
 * What a request that is a realtime session holds beside its spec (`RequestSpec.realtime`). The URL,
 * query params, headers, auth, cookies and settings (TLS, timeouts, link-local) are the spec's own.
 */
export const RealtimeSpecSchema = z.object({
  kind: z.enum(REALTIME_KINDS),
  /** WebSocket: Sec-WebSocket-Protocol values offered, in order. */
  subprotocols: z.array(z.string().max(200)).max(50).default([]),
  /** Saved messages (WebSocket, Socket.IO). */
  messages: z.array(SavedMessageSchema).max(500).default([]),
  /** Socket.IO: event names listened to ([] = every event, as socket.io's onAny). */
  listen: z.array(z.string().max(200)).max(200).default([]),
  /** Socket.IO: the engine path (`/socket.io` by default) and namespace (`/`). */
  socketioPath: z.string().max(500).default('/socket.io'),
  namespace: z.string().max(500).default('/'),
  /** GraphQL subscriptions: `graphql-transport-ws` (graphql-ws) or legacy `graphql-ws` (subscriptions-transport-ws). */
  graphqlProtocol: z.enum(GRAPHQL_WS_PROTOCOLS).default('graphql-transport-ws'),
  /** GraphQL subscriptions: the ws(s) URL when it is not the HTTP URL with ws(s)://. */
  subscriptionUrl: z.string().max(8192).default(''),
  /** SSE: reconnect after the stream ends, with Last-Event-ID, as EventSource does. */
  reconnect: z.boolean().default(true),
})
export type RealtimeSpec = z.infer<typeof RealtimeSpecSchema>

/** What each kind is called in a sentence. */
export const REALTIME_KIND_LABELS: Record<RealtimeKind, string> = {
  websocket: 'WebSocket',
  sse: 'event-stream',
  socketio: 'Socket.IO',
  graphql: 'GraphQL subscription',
}

/** The ws(s) URL of an http(s) one (GraphQL subscriptions default to it). */
export function websocketUrlOf(url: string): string {
  return url.replace(/^http(s?):\/\//i, (_m, s: string) => `ws${s}://`)
}

/** The short badge a session shows where an HTTP request shows its method (tabs, history). */
export const REALTIME_BADGES: Record<RealtimeKind, string> = {
  websocket: 'WS',
  socketio: 'SIO',
  sse: 'SSE',
  graphql: 'GQL',
}

/**
 * A WebSocket, Socket.IO or subscription session is kept in history under its badge as the method (an
 * SSE session is an HTTP GET, kept as one), so the list can show its kind without opening the entry.
 */
export function realtimeKindOfHistoryMethod(method: string): RealtimeKind | undefined {
  const kind = (Object.keys(REALTIME_BADGES) as RealtimeKind[]).find((k) => REALTIME_BADGES[k] === method)
  return kind === 'sse' ? undefined : kind
}
