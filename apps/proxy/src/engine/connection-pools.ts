import { Client, Pool, type Dispatcher } from 'undici'
import type { DestinationPolicy } from './address-policy.js'
import { createConnector, type LookupFn } from './connector.js'

/** Everything that decides what a connection may be used for: two sends share one only if all of it is equal. */
export type ConnectionKeyInput = {
  origin: string
  policy: DestinationPolicy
  allowLinkLocal: boolean
  verifyTls: boolean
  connectTimeoutMs: number
  lookup?: LookupFn
  extraCa?: readonly string[]
  /** Team mode: whose send it is, so no connection-bound state is shared between people. */
  owner?: string
}

/** How long a kept-alive connection may sit idle before it is closed. */
export const KEEP_ALIVE_MS = 4_000
/** A pool nobody used for this long is closed when the next one is opened. */
const IDLE_POOL_MS = 30_000

const CLIENT_OPTIONS = {
  keepAliveTimeout: KEEP_ALIVE_MS,
  keepAliveMaxTimeout: KEEP_ALIVE_MS,
  pipelining: 1,
  strictContentLength: true,
  maxResponseSize: -1,
} as const

/**
 * Kept-alive connections, one undici Pool per key (origin, TLS settings, extra CAs, link-local
 * opt-in, the destination policy's identity, the person in team mode). Every socket still opens
 * through our connector, so the address checks run for every new connection. Owned by the
 * services: closed on shutdown; `flush()` closes them all (a changed policy gets new pools anyway,
 * since its identity is part of the key).
 */
export class ConnectionPools {
  private readonly pools = new Map<string, { pool: Pool; lastUsed: number }>()
  private readonly ids = new WeakMap<object, number>()
  private nextId = 1
  private closed = false

  /** The pool for this key, opened on first use. */
  poolFor(input: ConnectionKeyInput): Pool {
    if (this.closed) throw new Error('The connection pools are closed.')
    const key = this.keyOf(input)
    const now = performance.now()
    const found = this.pools.get(key)
    if (found) {
      found.lastUsed = now
      return found.pool
    }
    this.closeIdle(now)
    const pool = new Pool(input.origin, { ...CLIENT_OPTIONS, connections: null, connect: connectorFor(input) })
    this.pools.set(key, { pool, lastUsed: now })
    return pool
  }

  /** How many pools are open (for tests and diagnostics). */
  get size(): number {
    return this.pools.size
  }

  /** Closes every pool, letting exchanges in flight finish; the next send opens new connections. */
  async flush(): Promise<void> {
    const pools = [...this.pools.values()].map(({ pool }) => pool)
    this.pools.clear()
    await Promise.all(pools.map((pool) => pool.close().catch(() => {})))
  }

  async close(): Promise<void> {
    this.closed = true
    await this.flush()
  }

  keyOf(input: ConnectionKeyInput): string {
    const { policy } = input
    return [
      input.origin,
      input.verifyTls ? 'verify' : 'insecure',
      input.allowLinkLocal ? 'link-local' : '-',
      input.connectTimeoutMs,
      input.extraCa?.length ? this.idOf(input.extraCa) : '-',
      input.lookup ? this.idOf(input.lookup) : '-',
      this.idOf(policy),
      this.idOf(policy.allowed),
      policy.allowList ? this.idOf(policy.allowList) : '-',
      policy.team ? 'team' : '-',
      [...policy.selfPorts].sort().join(','),
      input.owner ?? '-',
    ].join('\n')
  }

  private idOf(value: object): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.nextId++
      this.ids.set(value, id)
    }
    return id
  }

  private closeIdle(now: number): void {
    for (const [key, entry] of this.pools) {
      if (now - entry.lastUsed < IDLE_POOL_MS || entry.pool.stats.running > 0) continue
      this.pools.delete(key)
      entry.pool.close().catch(() => {})
    }
  }
}

/** A connection of its own for one exchange: today's fresh connection, closed after. */
export function freshClient(input: ConnectionKeyInput): Client {
  return new Client(input.origin, { ...CLIENT_OPTIONS, connect: connectorFor(input) })
}

/** Where one exchange goes: a kept-alive pool, or a fresh client closed after it. */
export function dispatcherFor(
  input: ConnectionKeyInput,
  pools: ConnectionPools | undefined,
  fresh: boolean,
): { dispatcher: Dispatcher; release: (failed: boolean) => void } {
  if (pools && !fresh) return { dispatcher: pools.poolFor(input), release: () => {} }
  const client = freshClient(input)
  return {
    dispatcher: client,
    // close() lets the socket go without building error objects; a failed exchange may still be queued.
    release: (failed) => void (failed ? client.destroy() : client.close()).catch(() => {}),
  }
}

function connectorFor(input: ConnectionKeyInput) {
  return createConnector({
    policy: input.policy,
    allowLinkLocal: input.allowLinkLocal,
    verifyTls: input.verifyTls,
    connectTimeoutMs: input.connectTimeoutMs,
    lookup: input.lookup,
    extraCa: input.extraCa,
  })
}
