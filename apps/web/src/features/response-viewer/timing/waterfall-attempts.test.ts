import type { ResponseRecord } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildWaterfall } from './waterfall'

const url = 'http://api.test/busy'
const attempt = (n: number, startMs: number) => ({
  attempt: n,
  status: 503,
  statusText: 'Service Unavailable',
  method: 'GET',
  url,
  startMs,
  timing: { connect: 1, firstByte: 6, download: 1, total: 10 },
  waitedMs: 1000,
  waitSource: 'retry-after' as const,
  reason: 'The server answered 503 Service Unavailable; retried after 1.0 s (Retry-After).',
})

/** Three attempts: 503, 1 s wait, 503, 1 s wait, 200. The whole send took 2 030 ms. */
const record = {
  status: 200,
  statusText: 'OK',
  request: { method: 'GET', url, headers: [], bodySize: 0 },
  timing: { connect: 1, firstByte: 5, download: 2, total: 2030 },
  hops: [],
  attempts: [attempt(1, 0), attempt(2, 1010)],
} as unknown as ResponseRecord

describe('timing waterfall of a retried send', () => {
  it('lists each attempt as its own exchange, and each wait as its own row between them', () => {
    const { rows } = buildWaterfall(record, 2040)
    expect(rows.map((row) => [row.kind, row.title, row.status, row.start, row.total])).toEqual([
      ['exchange', 'Attempt 1', 503, 0, 10],
      ['wait', 'Wait before attempt 2 (Retry-After)', null, 10, 1000],
      ['exchange', 'Attempt 2', 503, 1010, 10],
      ['wait', 'Wait before attempt 3 (Retry-After)', null, 1020, 1000],
      ['exchange', 'Attempt 3', 200, 2020, 10],
    ])
  })

  it('charges no wait to "Sending request": the final attempt is only what came after the last wait', () => {
    const final = buildWaterfall(record).rows.at(-1)!
    expect(final.kind === 'exchange' && final.segments.find((s) => s.phase === 'send')!.duration).toBe(2) // 10 − (1+5+2)
  })

  it('sums the waits apart in the summary', () => {
    const waterfall = buildWaterfall(record, 2040)
    expect([waterfall.upstream, waterfall.waited, waterfall.overhead]).toEqual([2030, 2000, 10])
  })
})
