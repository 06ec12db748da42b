import { describe, expect, it } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { closedPort, startUpstream, type Upstream } from '../test/upstream.js'
import type { RetryClock } from './retry.js'

function headerOf(upstream: Upstream, index: number, name: string): string | undefined {
  return upstream.received[index]?.headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

/** A clock that records each wait and lets it pass at once; `now` stands still at `at`. */
function recordingClock(at = Date.parse('2031-01-01T00:00:00Z')) {
  const waits: number[] = []
  const clock: RetryClock = {
    now: () => at,
    sleep: async (ms, signal) => {
      waits.push(ms)
      if (signal.aborted) throw signal.reason
    },
  }
  return { clock, waits }
}

/** Answers 503 (with these headers) `failures` times, then 200 "finally". */
async function flakyUpstream(failures: number, headers: Record<string, string> = {}) {
  let calls = 0
  return startUpstream((_request, response) => {
    if (++calls <= failures) {
      response.statusCode = 503
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
      return response.end()
    }
    response.end('finally')
  })
}

describe('retries', () => {
  it('retries 503 honouring Retry-After in seconds and lists every attempt', async () => {
    const upstream = await flakyUpstream(2, { 'Retry-After': '1' })
    const { clock, waits } = recordingClock()
    const record = await engineSend(
      { method: 'GET', url: upstream.url('/'), settings: { retry: { attempts: 4, backoffMs: 50 } } },
      { clock },
    )
    expect(record.status).toBe(200)
    expect(record.attempts.map((a) => [a.attempt, a.status, a.waitedMs])).toEqual([
      [1, 503, 1000],
      [2, 503, 1000],
    ])
    expect(waits).toEqual([1000, 1000])
    expect(upstream.received).toHaveLength(3)
  })

  it('reads a Retry-After HTTP-date against the clock, capped by the longest backoff', async () => {
    const upstream = await flakyUpstream(1, { 'Retry-After': 'Wed, 01 Jan 2031 00:00:03 GMT' })
    const { clock, waits } = recordingClock(Date.parse('2031-01-01T00:00:00Z'))
    const record = await engineSend(
      { method: 'GET', url: upstream.url('/'), settings: { retry: { attempts: 2 } } },
      { clock },
    )
    expect(record.status).toBe(200)
    expect(waits).toEqual([3000])

    const far = await flakyUpstream(1, { 'Retry-After': 'Wed, 01 Jan 2031 01:00:00 GMT' })
    const capped = recordingClock(Date.parse('2031-01-01T00:00:00Z'))
    await engineSend(
      { method: 'GET', url: far.url('/'), settings: { retry: { attempts: 2, maxBackoffMs: 4000 } } },
      { clock: capped.clock },
    )
    expect(capped.waits).toEqual([4000])
  })

  it('backs off exponentially up to the cap, ignoring Retry-After when told to', async () => {
    const upstream = await flakyUpstream(4, { 'Retry-After': '9' })
    const { clock, waits } = recordingClock()
    const record = await engineSend(
      {
        method: 'GET',
        url: upstream.url('/'),
        settings: { retry: { attempts: 5, backoffMs: 100, maxBackoffMs: 300, respectRetryAfter: false } },
      },
      { clock },
    )
    expect(record.status).toBe(200)
    expect(waits).toEqual([100, 200, 300, 300])
    expect(record.attempts.map((a) => a.reason)).toEqual(
      [100, 200, 300, 300].map(
        (ms) => `The server answered 503 Service Unavailable; retried after ${ms} ms (backoff).`,
      ),
    )
  })

  it('waits real time with the real clock: exponential backoff on connection errors, then gives up after N attempts', async () => {
    const started = performance.now()
    const record = await engineSend({
      method: 'GET',
      url: `http://127.0.0.1:${await closedPort()}/`,
      settings: { retry: { attempts: 3, backoffMs: 40 } },
    })
    const elapsed = performance.now() - started
    expect(record.error?.code).toBe('UPSTREAM_CONNECTION_REFUSED')
    expect(record.attempts.map((a) => [a.errorCode, a.waitedMs])).toEqual([
      ['UPSTREAM_CONNECTION_REFUSED', 40],
      ['UPSTREAM_CONNECTION_REFUSED', 80],
    ])
    expect(elapsed).toBeGreaterThanOrEqual(40 + 80)
  })

  it('a cancel during the wait ends the send as cancelled, with no further attempt', async () => {
    const upstream = await flakyUpstream(5)
    const controller = new AbortController()
    const clock: RetryClock = {
      now: () => Date.now(),
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true })
          controller.abort() // the person presses Cancel while Courier waits
        }),
    }
    const record = await engineSend(
      { method: 'GET', url: upstream.url('/'), settings: { retry: { attempts: 5, backoffMs: 10 } } },
      { clock, signal: controller.signal },
    )
    expect(record.error?.code).toBe('ABORTED')
    expect(upstream.received).toHaveLength(1)
  })

  it('does not retry a status outside the policy, nor by default', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 500
      response.end()
    })
    const { clock, waits } = recordingClock()
    expect((await engineSend({ method: 'GET', url: upstream.url('/') }, { clock })).attempts).toEqual([])
    expect(
      (
        await engineSend(
          { method: 'GET', url: upstream.url('/'), settings: { retry: { attempts: 3, onStatuses: [429] } } },
          { clock },
        )
      ).attempts,
    ).toEqual([])
    expect(upstream.received).toHaveLength(2)
    expect(waits).toEqual([])
  })

  it('adds one fresh Idempotency-Key per send, the same for its retries', async () => {
    let calls = 0
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = ++calls % 2 === 1 ? 503 : 201
      response.end()
    })
    const { clock } = recordingClock()
    const settings = { idempotencyKey: true, retry: { attempts: 2, backoffMs: 1 } }
    await engineSend({ method: 'POST', url: upstream.url('/pay'), settings }, { clock })
    await engineSend({ method: 'POST', url: upstream.url('/pay'), settings }, { clock })
    const keys = [0, 1, 2, 3].map((i) => headerOf(upstream, i, 'idempotency-key'))
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[0]).toBe(keys[1])
    expect(keys[2]).toBe(keys[3])
    expect(keys[0]).not.toBe(keys[2])
  })
})
