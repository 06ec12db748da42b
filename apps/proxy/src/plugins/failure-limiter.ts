import { createHash } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { CourierError } from '../errors.js'
import type { FailureStore } from '../storage/failure-store.js'

/** Failed credentials (API calls, login links, passwords) per minute from one client before it waits. */
export const MAX_FAILURES_PER_MINUTE = 30
const WINDOW_MS = 60_000
/** Clients remembered at most in memory; past it the oldest are forgotten (their failures are over a minute old or few). */
const MAX_CLIENTS = 10_000

/**
 * Single-user Courier's count (one process, one client: loopback), in a Map; the same interface
 * as the database's (storage/failure-store.ts), which a team server's instances share.
 */
export class MemoryFailureStore implements FailureStore {
  private failures = new Map<string, number[]>()

  async count(client: string, since: number): Promise<number> {
    return (this.failures.get(client) ?? []).filter((at) => at >= since).length
  }

  async add(client: string, at: number, since: number): Promise<number> {
    const list = (this.failures.get(client) ?? []).filter((one) => one >= since)
    list.push(at)
    this.failures.delete(client)
    this.failures.set(client, list)
    if (this.failures.size > MAX_CLIENTS) this.failures.delete(this.failures.keys().next().value!)
    return list.length
  }
}

/** The key a client address is counted under: the address, or its hash when a proxy reports something longer than an address. */
function clientKey(ip: string): string {
  return ip.length <= 64 ? ip : `sha256:${createHash('sha256').update(ip).digest('hex').slice(0, 57)}`
}

/**
 * Counts failed credentials per client address (`request.ip`: the connected peer, or with
 * --trust-proxy the address the reverse proxy reports), so one client guessing does not lock the
 * others out. Where the count lives is the store's business: in memory for single-user Courier,
 * in the database for a team server, so a guesser spreading attempts over instances gets no more.
 */
export class FailureLimiter {
  constructor(
    private readonly store: () => FailureStore,
    private readonly now: () => number = Date.now,
  ) {}

  private refuse(reply: FastifyReply): never {
    reply.header('retry-after', String(WINDOW_MS / 1000))
    throw new CourierError('RATE_LIMITED')
  }

  /** Throws RATE_LIMITED while this client is over the limit, counting nothing: call it before checking a password. */
  async check(reply: FastifyReply): Promise<void> {
    const now = this.now()
    const count = await this.store().count(clientKey(reply.request.ip), now - WINDOW_MS + 1)
    if (count > MAX_FAILURES_PER_MINUTE) this.refuse(reply)
  }

  /** Records a failure; throws RATE_LIMITED once there were too many from this client in the last minute. */
  async fail(reply: FastifyReply): Promise<void> {
    const now = this.now()
    const count = await this.store().add(clientKey(reply.request.ip), now, now - WINDOW_MS + 1)
    if (count > MAX_FAILURES_PER_MINUTE) this.refuse(reply)
  }
}
