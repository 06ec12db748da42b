import { describe, expect, it } from 'vitest'
import { parseRateLimit, parseRetryAfter } from './rate-limit.js'

const now = new Date('2025-01-01T12:00:00Z')

describe('rate-limit headers', () => {
  it('reads GitHub-style X-RateLimit-* with an epoch-seconds reset', () => {
    const reset = now.getTime() / 1000 + 90
    const summary = parseRateLimit(
      [
        ['X-RateLimit-Limit', '5000'],
        ['X-RateLimit-Remaining', '4999'],
        ['X-RateLimit-Reset', String(reset)],
      ],
      now,
    )
    expect(summary).toEqual({
      limit: 5000,
      remaining: 4999,
      resetAt: '2025-01-01T12:01:30.000Z',
      resetInSeconds: 90,
      sources: ['x-ratelimit-*'],
    })
  })

  it('reads IETF RateLimit-* with a delta-seconds reset and a policy window', () => {
    const summary = parseRateLimit(
      [
        ['RateLimit-Limit', '100'],
        ['RateLimit-Remaining', '0'],
        ['RateLimit-Reset', '30'],
        ['RateLimit-Policy', '100;w=60'],
      ],
      now,
    )
    expect(summary).toMatchObject({
      limit: 100,
      remaining: 0,
      resetInSeconds: 30,
      resetAt: '2025-01-01T12:00:30.000Z',
      windowSeconds: 60,
    })
  })

  it('reads the combined structured RateLimit field of later drafts', () => {
    expect(parseRateLimit([['RateLimit', 'limit=10, remaining=3, reset=5']], now)).toMatchObject({
      limit: 10,
      remaining: 3,
      resetInSeconds: 5,
    })
    expect(
      parseRateLimit(
        [
          ['RateLimit', '"default";r=7;t=12'],
          ['RateLimit-Policy', '"default";q=20;w=60'],
        ],
        now,
      ),
    ).toMatchObject({
      limit: 20,
      remaining: 7,
      resetInSeconds: 12,
      windowSeconds: 60,
    })
  })

  it('reads Retry-After as seconds and as an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toEqual({ at: '2025-01-01T12:02:00.000Z', seconds: 120 })
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:05:00 GMT', now)).toEqual({
      at: '2025-01-01T12:05:00.000Z',
      seconds: 300,
    })
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRateLimit([['Retry-After', '10']], now)).toMatchObject({
      retryAfter: { seconds: 10 },
      sources: ['Retry-After'],
    })
  })

  it('says nothing when no rate-limit header is present', () => {
    expect(parseRateLimit([['Content-Type', 'text/plain']], now)).toBeUndefined()
  })
})
