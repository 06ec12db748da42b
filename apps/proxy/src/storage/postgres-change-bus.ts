import { randomUUID } from 'node:crypto'
import { ChangeEventSchema, type ChangeEvent } from '@courier/shared'
import pg from 'pg'
import type { BusListener, CacheSignal, ChangeBus } from '../ports/change-bus.js'
import { BusListeners } from './bus-listeners.js'

export const DEFAULT_CHANNEL = 'courier_changes'
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; events carry ids only and stay far below. */
const MAX_PAYLOAD_BYTES = 7900
/** A connection attempt that takes longer is a failure (retried with backoff), never a hang. */
const CONNECT_TIMEOUT_MS = 5000

export type PostgresBusOptions = {
  url: string
  /** The NOTIFY channel every instance of one deployment shares (tests use their own). */
  channel?: string
  /** Waits between reconnect attempts: doubling from `firstMs` up to `maxMs`. */
  backoff?: { firstMs: number; maxMs: number }
  /** Told when the LISTEN connection drops or comes back. */
  log?: (message: string) => void
}

/**
 * Several instances on one PostgreSQL: each keeps one dedicated connection that LISTENs on the
 * channel; publishing is `pg_notify` through a small pool. An event reaches this instance's own
 * subscribers at once and is ignored when its NOTIFY echo comes back. When the LISTEN connection
 * drops it reconnects with backoff, and then tells every subscriber to refetch: whatever was
 * notified while it was away is lost to it.
 */
export class PostgresChangeBus implements ChangeBus {
  readonly instanceId = randomUUID()
  readonly listeners = new BusListeners()
  readonly channel: string
  /** The LISTEN connection's application_name, by which an operator (or a test) finds it in pg_stat_activity. */
  readonly applicationName = `courier-bus-${this.instanceId.slice(0, 8)}`
  private readonly pool: pg.Pool
  private client: pg.Client | undefined
  private closed = false
  private retry: NodeJS.Timeout | undefined
  private failures = 0
  /** Bumped by every other instance's cache announcement and by every (re)connect of the LISTEN connection. */
  private cacheVersion = 0
  /** The channel on which instances announce writes of what their read caches keep. */
  readonly cacheChannel: string
  readonly cacheSignal: CacheSignal = {
    // Not listening: announcements could be missed, so every read sees a new version (nothing is kept).
    version: () => (this.client ? this.cacheVersion : {}),
    announce: async () => {
      try {
        await this.pool.query('SELECT pg_notify($1, $2)', [this.cacheChannel, this.instanceId])
      } catch {
        // The write itself committed; the other instances' LISTEN connections are likely down too,
        // and they keep nothing while they cannot hear (see version above).
        this.options.log?.('Could not tell the other instances about a write of cached data.')
      }
    },
  }

  private constructor(private readonly options: PostgresBusOptions) {
    this.channel = options.channel ?? DEFAULT_CHANNEL
    if (!/^[a-z_][a-z0-9_]{0,56}$/.test(this.channel)) throw new Error(`Invalid NOTIFY channel name: ${this.channel}`)
    this.cacheChannel = `${this.channel}_cache`
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: 2,
      application_name: 'courier-bus-publish',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    })
    this.pool.on('error', () => {}) // an idle publisher connection that dies is replaced on the next publish
  }

  /** Connects the LISTEN connection before answering, so no event published after this is missed. */
  static async open(options: PostgresBusOptions): Promise<PostgresChangeBus> {
    const bus = new PostgresChangeBus(options)
    try {
      await bus.listen()
    } catch (error) {
      await bus.pool.end()
      throw error
    }
    return bus
  }

  async publish(event: ChangeEvent): Promise<void> {
    this.listeners.deliver(event)
    const payload = JSON.stringify(event)
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error('A change event is too large to NOTIFY.')
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload])
  }

  subscribe(workspaceId: string, listener: BusListener): () => void {
    return this.listeners.subscribe(workspaceId, listener)
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.retry)
    const client = this.client
    this.client = undefined
    await Promise.allSettled([client?.end(), this.pool.end()])
  }

  private async listen(): Promise<void> {
    // TCP keepalive finds a LISTEN connection whose peer vanished without a word (no RST).
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.applicationName,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    })
    client.on('notification', (message) => {
      if (message.channel === this.cacheChannel) {
        if (message.payload !== this.instanceId) this.cacheVersion++
        return
      }
      if (message.channel !== this.channel || !message.payload) return
      let parsed
      try {
        parsed = ChangeEventSchema.safeParse(JSON.parse(message.payload))
      } catch {
        return
      }
      if (parsed.success && parsed.data.instanceId !== this.instanceId) this.listeners.deliver(parsed.data)
    })
    let established = false
    let lost = false
    const onLost = () => {
      if (lost) return
      lost = true
      void client.end().catch(() => {})
      // A connection that never came up is the caller's failure to handle (open, or the retry loop).
      if (!established) return
      if (this.client === client) this.client = undefined
      if (!this.closed) {
        this.options.log?.('The change bus lost its PostgreSQL LISTEN connection; reconnecting.')
        this.schedule()
      }
    }
    client.on('error', onLost)
    client.on('end', onLost)
    try {
      await client.connect()
      await client.query(`LISTEN "${this.channel}"; LISTEN "${this.cacheChannel}"`)
    } catch (error) {
      onLost()
      throw error
    }
    if (this.closed) {
      lost = true
      await client.end()
      return
    }
    established = true
    // Whatever was announced while not listening is unknown: what the caches hold is dropped.
    this.cacheVersion++
    this.client = client
  }

  private schedule(): void {
    const { firstMs, maxMs } = this.options.backoff ?? { firstMs: 100, maxMs: 5000 }
    const wait = Math.min(maxMs, firstMs * 2 ** this.failures)
    this.retry = setTimeout(() => {
      this.listen().then(
        () => {
          this.failures = 0
          this.options.log?.('The change bus reconnected to PostgreSQL; pages refetch what they show.')
          this.listeners.resyncAll()
        },
        () => {
          this.failures += 1
          if (!this.closed) this.schedule()
        },
      )
    }, wait)
    this.retry.unref()
  }
}
