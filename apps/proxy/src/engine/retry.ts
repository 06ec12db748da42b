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

export type AttemptOutcome =
  { status: number; statusText?: string; headers: readonly Pair[] } | { errorCode: ErrorCode }

/** Why this outcome deserves another attempt, or null when it does not. */
export function retryReason(outcome: AttemptOutcome, policy: RetryPolicy): string | null {
  if ('status' in outcome)
    return policy.onStatuses.includes(outcome.status)
      ? `the server answered ${`${outcome.status} ${outcome.statusText ?? ''}`.trim()}`
      : null
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

export type RetryDelay = {
  ms: number
  source: 'retry-after' | 'backoff'
  /** What Retry-After asked for, when the longest backoff cut it shorter. */
  cappedFromMs?: number
}

/** Exponential backoff: backoffMs, 2×, 4×… capped; Retry-After wins when the policy honours it. */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  outcome: AttemptOutcome,
  now = Date.now(),
): RetryDelay {
  const exponential = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 2))
  if (policy.respectRetryAfter && 'status' in outcome) {
    const after = retryAfterMs(outcome.headers, now)
    if (after !== null) {
      return after > policy.maxBackoffMs
        ? { ms: policy.maxBackoffMs, source: 'retry-after', cappedFromMs: after }
        : { ms: after, source: 'retry-after' }
    }
  }
  return { ms: exponential, source: 'backoff' }
}

export function delayBeforeAttempt(
  attempt: number,
  policy: RetryPolicy,
  outcome: AttemptOutcome,
  now = Date.now(),
): number {
  return retryDelay(attempt, policy, outcome, now).ms
}

/** "250 ms", "1.0 s", "2 min", "1 min 30 s": a wait as a person reads it. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const seconds = Math.round(ms / 1000)
  const rest = seconds % 60
  return `${Math.floor(seconds / 60)} min${rest ? ` ${rest} s` : ''}`
}

/** "The server answered 503 Service Unavailable; retried after 1.0 s (Retry-After)." */
export function attemptReason(reason: string, delay: RetryDelay): string {
  const source =
    delay.source === 'backoff'
      ? 'backoff'
      : delay.cappedFromMs !== undefined
        ? `Retry-After asked for ${formatWait(delay.cappedFromMs)}, capped at the longest backoff`
        : 'Retry-After'
  return `${reason[0]!.toUpperCase()}${reason.slice(1)}; retried after ${formatWait(delay.ms)} (${source}).`
}
