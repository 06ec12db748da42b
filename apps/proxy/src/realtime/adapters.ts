import type { RealtimeKind } from '@courier/shared'
import type { RealtimeAdapter } from './adapter.js'

/**
 * Each kind's adapter, loaded on its first session (a server that never opens one never loads
 * `ws`, socket.io-client or graphql-ws). An SSE session is a streamed send (sse-session.ts).
 */
const loaders: Record<RealtimeKind, () => Promise<RealtimeAdapter>> = {
  websocket: async () => (await import('./websocket.js')).websocketAdapter,
  socketio: async () => (await import('./socketio.js')).socketioAdapter,
  graphql: async () => (await import('./graphql.js')).graphqlAdapter,
  sse: async () => (await import('./sse-session.js')).sseAdapter,
}

const loaded = new Map<string, Promise<RealtimeAdapter>>()

/** The adapter for `kind`, or undefined when this server has none. */
export function adapterFor(kind: string): Promise<RealtimeAdapter | undefined> {
  const load = Object.hasOwn(loaders, kind) ? loaders[kind as RealtimeKind] : undefined
  if (!load) return Promise.resolve(undefined)
  let adapter = loaded.get(kind)
  if (!adapter) {
    adapter = load()
    loaded.set(kind, adapter)
  }
  return adapter
}
