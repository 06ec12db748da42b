import { describe, expect, it } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { startUpstream } from '../test/upstream.js'
import type { RetryClock } from './retry.js'

/** 503 Service Unavailable (with these headers) `failures` times, then 200 "finally". */
async function flakyUpstream(failures: number, headers: Record<string, string> = {}) {
  let calls = 0
  return startUpstream((_request, response) => {
    if (++calls <= failures) {
      response.statusCode = 503
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
      return response.end('busy')
    }
    response.end('finally')
  })
}

/** Lets every wait pass at once, recording it. */
function instantClock() {
  const waits: number[] = []
  const clock: RetryClock = {
    now: () => Date.now(),
    sleep: async (ms) => {
      waits.push(ms)
    },
  }
  return { clock, waits }
}

describe('each retry attempt is recorded with its answer, its timing and the wait after it', () => {
  it('a 503-twice-then-200 server: two attempts with status, reason phrase, phases and a Retry-After wait', async () => {
    const upstream = await flakyUpstream(2, { 'Retry-After': '1' })
    const { clock } = instantClock()
    const record = await engineSend(
      { method: 'GET', url: upstream.url('/busy'), settings: { retry: { attempts: 3, backoffMs: 50 } } },
      { clock },
    )
    expect(record.status).toBe(200)
    expect(upstream.received).toHaveLength(3)
    expect(record.attempts).toHaveLength(2)
    for (const [index, attempt] of record.attempts.entries()) {
      expect(attempt).toMatchObject({
        attempt: index + 1,
        status: 503,
        statusText: 'Service Unavailable',
        waitedMs: 1000,
        waitSource: 'retry-after',
        method: 'GET',
        url: upstream.url('/busy'),
        reason: 'The server answered 503 Service Unavailable; retried after 1.0 s (Retry-After).',
      })
      // The attempt's own exchange, measured: connect and first byte, not the wait after it.
      expect(attempt.timing?.connect).toBeGreaterThanOrEqual(0)
      expect(attempt.timing?.firstByte).toBeGreaterThanOrEqual(0)
      expect(attempt.timing!.total).toBeGreaterThan(0)
      expect(attempt.timing!.total).toBeLessThan(1000)
    }
    expect(record.attempts[1]!.startMs!).toBeGreaterThanOrEqual(
      record.attempts[0]!.startMs! + record.attempts[0]!.timing!.total,
    )
  })

  it('with the real clock the waits are on the time axis: attempt 2 starts after attempt 1 and its wait', async () => {
    const upstream = await flakyUpstream(2)
    const record = await engineSend({
      method: 'GET',
      url: upstream.url('/'),
      settings: { retry: { attempts: 3, backoffMs: 30, respectRetryAfter: true } },
    })
    expect(record.status).toBe(200)
    const [first, second] = record.attempts
    expect([first!.waitedMs, first!.waitSource, second!.waitedMs, second!.waitSource]).toEqual([
      30,
      'backoff',
      60,
      'backoff',
    ])
    expect(first!.reason).toBe('The server answered 503 Service Unavailable; retried after 30 ms (backoff).')
    // Node's timers count whole milliseconds and may fire up to 1 ms before performance.now() says the
    // wait is over, and phases are rounded to 0.01 ms: the wait must be there, within that 1 ms.
    const TIMER_SLACK_MS = 1
    expect(second!.startMs!).toBeGreaterThanOrEqual(first!.startMs! + first!.timing!.total + 30 - TIMER_SLACK_MS)
    // The final attempt starts after the last wait; the whole send (waits included) is the total.
    expect(record.timing.total).toBeGreaterThanOrEqual(second!.startMs! + second!.timing!.total + 60 - TIMER_SLACK_MS)
  })

  it('a network error is listed with its code and sentence', async () => {
    let calls = 0
    const upstream = await startUpstream((request, response) => {
      if (++calls === 1) return request.socket.destroy()
      response.end('ok')
    })
    const { clock } = instantClock()
    const record = await engineSend(
      { method: 'GET', url: upstream.url('/'), settings: { retry: { attempts: 2, backoffMs: 10 } } },
      { clock },
    )
    expect(record.status).toBe(200)
    expect(record.attempts[0]).toMatchObject({ attempt: 1, errorCode: 'UPSTREAM_CONNECTION_RESET', waitedMs: 10 })
    expect(record.attempts[0]!.errorMessage).toMatch(/\w/)
    expect(record.attempts[0]!.status).toBeUndefined()
  })

  it('a Retry-After longer than the longest backoff says it was capped', async () => {
    const upstream = await flakyUpstream(1, { 'Retry-After': '120' })
    const { clock, waits } = instantClock()
    const record = await engineSend(
      { method: 'GET', url: upstream.url('/'), settings: { retry: { attempts: 2, maxBackoffMs: 2000 } } },
      { clock },
    )
    expect(waits).toEqual([2000])
    expect(record.attempts[0]!.reason).toBe(
      'The server answered 503 Service Unavailable; retried after 2.0 s (Retry-After asked for 2 min, capped at the longest backoff).',
    )
  })
})
