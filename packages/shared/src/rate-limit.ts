import { headerValue } from './http-rules.js'
import type { Pair } from './request-spec.js'

/** What a response says about the caller's rate limit, in one shape whatever the header dialect. */
export type RateLimitSummary = {
  limit?: number
  remaining?: number
  /** When the window resets (ISO), when the headers gave a reset. */
  resetAt?: string
  /** Seconds from `now` until the reset. */
  resetInSeconds?: number
  /** Window length in seconds (RateLimit-Policy `w=`). */
  windowSeconds?: number
  /** Retry-After as absolute time and as seconds from `now`. */
  retryAfter?: { at: string; seconds: number }
  /** Which headers the figures came from, for display. */
  sources: string[]
}

// A reset above this is an epoch timestamp rather than seconds-from-now (≈ 2001-09-09 in seconds).
const EPOCH_SECONDS_FLOOR = 1_000_000_000
const EPOCH_MILLIS_FLOOR = 1_000_000_000_000

function header(headers: Pair[], name: string): string | undefined {
  return headerValue(headers, name)?.trim()
}

function number(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  // `X-RateLimit-Limit: 100, 100;w=60` (draft-polli-02 style): the first figure is the limit.
  const match = /^\s*"?(-?\d+(?:\.\d+)?)/.exec(text)
  return match ? Number(match[1]) : undefined
}

/** Reset given as delta seconds, epoch seconds or epoch milliseconds → absolute time. */
function resetTime(value: number, now: Date): Date {
  if (value >= EPOCH_MILLIS_FLOOR) return new Date(value)
  if (value >= EPOCH_SECONDS_FLOOR) return new Date(value * 1000)
  return new Date(now.getTime() + value * 1000)
}

/** Retry-After: delta seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
  value: string | undefined,
  now: Date = new Date(),
): { at: string; seconds: number } | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) {
    const seconds = Number(value.trim())
    return { at: new Date(now.getTime() + seconds * 1000).toISOString(), seconds }
  }
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return { at: new Date(date).toISOString(), seconds: Math.max(0, Math.round((date - now.getTime()) / 1000)) }
}

/** `limit=100, remaining=50, reset=30` or `"default";r=50;t=30` (IETF httpapi-ratelimit-headers drafts). */
function structuredFields(value: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const part of value.split(/[,;]/)) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    const key = part.slice(0, eq).trim().toLowerCase()
    if (key && !(key in fields))
      fields[key] = part
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '')
  }
  return fields
}

/**
 * Summarises X-RateLimit-* (GitHub, Twitter…), RateLimit-* (IETF draft 6/7), the combined
 * `RateLimit` + `RateLimit-Policy` fields (draft 8+), and Retry-After. Returns undefined when the
 * response says nothing about rate limits.
 */
export function parseRateLimit(headers: Pair[], now: Date = new Date()): RateLimitSummary | undefined {
  const summary: RateLimitSummary = { sources: [] }
  let reset: number | undefined
  /** The first dialect that gives a figure wins it; every dialect that gave any is listed. */
  const take = (
    source: string,
    figures: { limit: number | undefined; remaining: number | undefined; reset: number | undefined },
  ) => {
    if (figures.limit === undefined && figures.remaining === undefined && figures.reset === undefined) return
    summary.sources.push(source)
    summary.limit ??= figures.limit
    summary.remaining ??= figures.remaining
    reset ??= figures.reset
  }

  for (const prefix of ['ratelimit-', 'x-ratelimit-', 'x-rate-limit-']) {
    take(`${prefix}*`, {
      limit: number(header(headers, `${prefix}limit`)),
      remaining: number(header(headers, `${prefix}remaining`)),
      reset: number(header(headers, `${prefix}reset`)),
    })
  }
  const combined = header(headers, 'ratelimit')
  if (combined) {
    const fields = structuredFields(combined)
    take('RateLimit', {
      limit: number(fields.limit),
      remaining: number(fields.remaining ?? fields.r),
      reset: number(fields.reset ?? fields.t),
    })
  }
  const policy = header(headers, 'ratelimit-policy')
  if (policy) {
    const fields = structuredFields(policy)
    const quota = number(fields.q) ?? number(policy)
    const window = number(fields.w)
    if (quota !== undefined || window !== undefined) {
      summary.sources.push('RateLimit-Policy')
      summary.limit ??= quota
      summary.windowSeconds = window
    }
  }

  if (reset !== undefined) {
    const at = resetTime(reset, now)
    summary.resetAt = at.toISOString()
    summary.resetInSeconds = Math.max(0, Math.round((at.getTime() - now.getTime()) / 1000))
  }

  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now)
  if (retryAfter) {
    summary.retryAfter = retryAfter
    summary.sources.push('Retry-After')
  }

  return summary.sources.length > 0 ? summary : undefined
}
