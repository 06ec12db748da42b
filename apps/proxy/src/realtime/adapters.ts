import type { RealtimeKind } from '@courier/shared'
import type { RealtimeAdapter } from './adapter.js'

/**
 * Each kind's adapter, loaded on its first session (a server that never opens one never loads
 * `ws`, socket.io-client or graphql-ws). 'sse' is the SSE helper's `./sse-session.js`: until it is
 * wired in, an SSE session is answered REALTIME_UNSUPPORTED.
 */
const loaders: Record<RealtimeKind, (() => Promise<RealtimeAdapter>) | undefined> = {
  websocket: async () => (await import('./websocket.js')).websocketAdapter,
  socketio: async () => (await import('./socketio.js')).socketioAdapter,
  graphql: async () => (await import('./graphql.js')).graphqlAdapter,
  sse: undefined,
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
