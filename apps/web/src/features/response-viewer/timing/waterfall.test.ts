import type { ResponseRecord } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildWaterfall } from './waterfall'

const request = (url: string) => ({ method: 'GET', url, headers: [], bodySize: 0 })

const record = {
  status: 200,
  request: request('http://api.test/final?x=1'),
  timing: { dns: 0, connect: 2, firstByte: 10, download: 3, total: 40 },
  hops: [
    {
      status: 302,
      statusText: 'Found',
      headers: [],
      location: '/final',
      request: request('http://api.test/start'),
      timing: { dns: 1, connect: 2, firstByte: 5, download: 1, total: 10 },
    },
  ],
} as unknown as ResponseRecord

describe('timing waterfall', () => {
  it('puts hops end to end, then the final exchange with the rest of the total', () => {
    const waterfall = buildWaterfall(record, 55)
    expect(waterfall.rows.map((row) => [row.label, row.status, row.start, row.total])).toEqual([
      ['GET api.test/start', 302, 0, 10],
      ['GET api.test/final?x=1', 200, 10, 30],
    ])
    expect(waterfall.upstream).toBe(40)
    expect(waterfall.overhead).toBe(15)
    expect(waterfall.span).toBe(55)
  })

  it('lays phases in order, the unmeasured remainder drawn as sending the request', () => {
    const [hop, final] = buildWaterfall(record).rows
    expect(hop!.segments.map((s) => [s.phase, s.start, s.duration])).toEqual([
      ['dns', 0, 1],
      ['connect', 1, 2],
      ['tls', 3, null],
      ['send', 3, 1],
      ['wait', 4, 5],
      ['download', 9, 1],
    ])
    expect(final!.segments.map((s) => s.phase)).toEqual(['dns', 'connect', 'tls', 'send', 'wait', 'download'])
    expect(final!.segments.find((s) => s.phase === 'send')!.duration).toBe(15) // 30 − (0+2+10+3)
  })

  it('leaves overhead unknown without a browser round trip', () => {
    expect(buildWaterfall(record).overhead).toBeNull()
  })

  it('marks an exchange on a reused connection with the phases of the send that opened it', () => {
    const connection = { reused: true as const, openedBy: '0190-opener', dns: 1.5, connect: 0.5 }
    const reused = {
      ...record,
      hops: [],
      timing: { firstByte: 4, download: 1, total: 6, connection },
    } as unknown as ResponseRecord
    const [row] = buildWaterfall(reused).rows
    expect(row!.kind === 'exchange' && row!.connection).toEqual(connection)
    expect(row!.segments.find((s) => s.phase === 'connect')?.duration).toBeNull()
    const [hop] = buildWaterfall(record).rows
    expect(hop!.kind === 'exchange' && hop!.connection).toBeUndefined()
  })
})
