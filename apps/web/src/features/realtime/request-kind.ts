import {
  REALTIME_BADGES,
  RealtimeSpecSchema,
  type RealtimeKind,
  type RealtimeSpec,
  type RequestSpec,
} from '@courier/shared'

export type RequestKind = 'http' | RealtimeKind

export const REQUEST_KINDS: { kind: RequestKind; label: string; badge: string }[] = [
  { kind: 'http', label: 'HTTP', badge: '' },
  { kind: 'websocket', label: 'WebSocket', badge: REALTIME_BADGES.websocket },
  { kind: 'socketio', label: 'Socket.IO', badge: REALTIME_BADGES.socketio },
  { kind: 'sse', label: 'Server-sent events', badge: REALTIME_BADGES.sse },
  { kind: 'graphql', label: 'GraphQL subscription', badge: REALTIME_BADGES.graphql },
]

export function requestKind(spec: Pick<RequestSpec, 'realtime'>): RequestKind {
  return spec.realtime?.kind ?? 'http'
}

export function kindBadge(kind: RealtimeKind): string {
  return REALTIME_BADGES[kind]
}

/** The spec's realtime part for a kind (what it had is kept: saved messages survive a switch); undefined for HTTP. */
export function realtimeFor(kind: RequestKind, current: RealtimeSpec | undefined): RealtimeSpec | undefined {
  if (kind === 'http') return undefined
  return RealtimeSpecSchema.parse({ ...current, kind })
}

/** Typing a ws:// or wss:// URL into an HTTP request makes it a WebSocket one. */
export function realtimeForUrl(url: string, current: RealtimeSpec | undefined): RealtimeSpec | undefined {
  if (current || !/^wss?:\/\//i.test(url.trim())) return current
  return realtimeFor('websocket', undefined)
}
