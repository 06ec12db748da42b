import { setTimeout as sleep } from 'node:timers/promises'
import { headerValue, type ErrorCode, type Pair, type RetryPolicy } from '@courier/shared'

/** The clock retries wait on: real time in Courier, a recording one in tests. */
export type RetryClock = {
  now: () => number
  /** Waits `ms`, or rejects as soon as `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
}

export const REAL_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
}

/** Network failures worth another try; a refused policy or bad input never is. */
const RETRYABLE_ERRORS = new Set<ErrorCode>([
  'UPSTREAM_CONNECTION_REFUSED',
  'UPSTREAM_CONNECTION_RESET',
  'UPSTREAM_CONNECT_TIMEOUT',
  'UPSTREAM_HEADERS_TIMEOUT',
  'UPSTREAM_BODY_TIMEOUT',
  'DNS_RESOLUTION_FAILED',
  'UPSTREAM_PROTOCOL_ERROR',
])

export type AttemptOutcome = { status: number; headers: readonly Pair[] } | { errorCode: ErrorCode }

/** Why this outcome deserves another attempt, or null when it does not. */
export function retryReason(outcome: AttemptOutcome, policy: RetryPolicy): string | null {
  if ('status' in outcome)
    return policy.onStatuses.includes(outcome.status) ? `the server answered ${outcome.status}` : null
  return policy.onNetworkErrors && RETRYABLE_ERRORS.has(outcome.errorCode)
    ? `the send failed (${outcome.errorCode})`
    : null
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; milliseconds from now, or null. */
export function retryAfterMs(headers: readonly Pair[], now = Date.now()): number | null {
  const value = headerValue(headers, 'retry-after')?.trim()
  if (!value) return null
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** Exponential backoff: backoffMs, 2×, 4×… capped; Retry-After wins when the policy honours it. */
export function delayBeforeAttempt(
  attempt: number,
  policy: RetryPolicy,
  outcome: AttemptOutcome,
  now = Date.now(),
): number {
  const exponential = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 2))
  if (policy.respectRetryAfter && 'status' in outcome) {
    const after = retryAfterMs(outcome.headers, now)
    if (after !== null) return Math.min(after, policy.maxBackoffMs)
  }
  return exponential
}
