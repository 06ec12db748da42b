import { CourierError } from '../errors.js'
import type { SendLeaseStore, SendLimits } from '../storage/send-lease-store.js'

/** How long a lease holds without renewal: an instance that dies stops counting after this. */
export const LEASE_TTL_MS = 60_000

export type UserSendLimitsOptions = {
  /** The clock leases are dated by; tests inject one. */
  now?: () => number
  ttlMs?: number
}

/** A held lease: `release` ends it (once; later calls do nothing). */
export type UserSendLease = { release: () => Promise<void> }

/**
 * A team server's limits per person: sends per minute and sends at once, counted in the database
 * (storage/send-lease-store.ts) so every instance on it enforces the same numbers. A running send
 * renews its lease every third of the lease's life; a crashed instance's leases expire.
 */
export class UserSendLimits {
  private readonly now: () => number
  private readonly ttlMs: number

  constructor(
    private readonly leases: SendLeaseStore,
    readonly limits: SendLimits,
    options: UserSendLimitsOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS
  }

  /** A lease for one send of `userId`, or a USER_SEND_LIMIT error with Retry-After when a limit is reached. */
  async acquire(userId: string): Promise<UserSendLease> {
    const grant = await this.leases.acquire(userId, this.limits, this.now(), this.ttlMs)
    if (!grant.ok) throw userSendLimitError(grant.limit, grant.count, grant.retryAfterSeconds)
    const renewal = setInterval(() => {
      this.leases.renew(grant.id, this.now(), this.ttlMs).catch(() => {})
    }, this.ttlMs / 3)
    renewal.unref()
    let released = false
    return {
      release: async () => {
        if (released) return
        released = true
        clearInterval(renewal)
        await this.leases.release(grant.id, this.now())
      },
    }
  }
}

export function userSendLimitError(
  limit: 'per-minute' | 'concurrent',
  count: number,
  retryAfterSeconds: number,
): CourierError {
  const message =
    limit === 'per-minute'
      ? `You sent ${count} requests in the last minute, the limit per person on this server; wait ${retryAfterSeconds} seconds, then send again.`
      : `${count} of your requests are already in flight, the limit per person on this server; wait for one to finish or cancel one, then send again.`
  return new CourierError('USER_SEND_LIMIT', message, { retryAfterSeconds })
}
