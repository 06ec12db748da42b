import { EventEmitter } from 'node:events'
import { CourierError } from '../errors.js'

export type SendSlot = {
  /** Gives the slot back; calling it again does nothing. */
  release: () => void
}

/** Seconds a refused caller is told to wait (Retry-After). */
export const RETRY_AFTER_SECONDS = 1

/**
 * Counts the sends in flight on one server, up to a limit read at each acquire (the Settings
 * value may change between sends). A send that finds every slot taken is refused, not queued:
 * queueing would hold the caller's connection and memory just the same. Emits `release`.
 */
export class SendSlots extends EventEmitter {
  private inFlight = 0

  get count(): number {
    return this.inFlight
  }

  /** A slot, or null when `limit` sends are already in flight. */
  tryAcquire(limit: number): SendSlot | null {
    if (this.inFlight >= limit) return null
    this.inFlight++
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        this.inFlight--
        this.emit('release', this.inFlight)
      },
    }
  }
}

export function concurrencyLimitError(limit: number): CourierError {
  return new CourierError(
    'CONCURRENCY_LIMIT',
    `${limit} requests are already in flight on this Courier server, its limit. Wait for one to finish or cancel one, then send again; the limit is "Concurrent sends" in Settings.`,
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  )
}
