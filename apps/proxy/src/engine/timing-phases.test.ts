import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ResponseRecordSchema, type Timing } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startUpstream } from '../test/upstream.js'
import { engineSend } from '../test/engine-send.js'

const tlsDir = new URL('../test/tls/', import.meta.url)
const tlsFile = (name: string) => readFileSync(new URL(name, tlsDir), 'utf8')

const HEAD_DELAY = 40
const BODY_DELAY = 40

/**
 * Two redirects, then an answer. Every exchange holds its headers back HEAD_DELAY ms and the final
 * one also pauses BODY_DELAY ms mid-body, so first byte and download have known lower bounds.
 */
function chain(request: IncomingMessage, response: ServerResponse) {
  const step = Number(/\/step\/(\d)/.exec(request.url ?? '')?.[1] ?? 0)
  setTimeout(() => {
    if (step < 2) {
      response.statusCode = 302
      response.setHeader('Location', `/step/${step + 1}`)
      return response.end()
    }
    response.setHeader('Content-Type', 'text/plain')
    response.flushHeaders()
    response.write('first half ')
    setTimeout(() => response.end('second half'), BODY_DELAY)
  }, HEAD_DELAY)
}

/** Every phase a connection by name has, non-negative, adding up to no more than the exchange's total. */
function expectPhases(timing: Timing, { tls }: { tls: boolean }) {
  expect(timing.dns).toBeGreaterThanOrEqual(0)
  expect(timing.connect).toBeGreaterThanOrEqual(0)
  if (tls) expect(timing.tls).toBeGreaterThan(0)
  else expect(timing.tls).toBeUndefined()
  // First byte is measured from the request being written, so it covers the server's delay.
  expect(timing.firstByte).toBeGreaterThanOrEqual(HEAD_DELAY - 5)
  expect(timing.download).toBeGreaterThanOrEqual(0)
  const sum = timing.dns! + timing.connect! + (timing.tls ?? 0) + timing.firstByte! + timing.download!
  expect(sum).toBeLessThanOrEqual(timing.total + 0.05)
}

describe('timing phases, per hop', () => {
  it('over http: DNS, connect, first byte and download for every hop, in order within each total', async () => {
    const upstream = await startUpstream(chain)
    const record = await engineSend({ method: 'GET', url: `http://localhost:${upstream.port}/step/0` })
    expect(record.status).toBe(200)
    expect(record.hops).toHaveLength(2)
    for (const hop of record.hops) expectPhases(hop.timing, { tls: false })
    // The final exchange is what the record's own phases describe; its download spans the pause.
    const hopsTotal = record.hops.reduce((sum, hop) => sum + hop.timing.total, 0)
    expectPhases({ ...record.timing, total: record.timing.total - hopsTotal }, { tls: false })
    expect(record.timing.download).toBeGreaterThanOrEqual(BODY_DELAY - 5)
    // The send's total covers every hop one after another.
    expect(record.timing.total).toBeGreaterThanOrEqual(hopsTotal + record.timing.firstByte! + record.timing.download!)
  })

  it('over https: a TLS handshake on every hop (a fresh connection each), after connect', async () => {
    const server = createHttpsServer({ key: tlsFile('server.key'), cert: tlsFile('server.pem') }, chain)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const port = (server.address() as AddressInfo).port

    const record = await engineSend(
      { method: 'GET', url: `https://localhost:${port}/step/0` },
      { extraCa: [tlsFile('ca.pem')] },
    )
    expect(record.error).toBeNull()
    expect(record.hops).toHaveLength(2)
    for (const hop of record.hops) expectPhases(hop.timing, { tls: true })
    const hopsTotal = record.hops.reduce((sum, hop) => sum + hop.timing.total, 0)
    expectPhases({ ...record.timing, total: record.timing.total - hopsTotal }, { tls: true })
    expect(record.timing.download).toBeGreaterThanOrEqual(BODY_DELAY - 5)
  })

  it('has no DNS phase for an IP address, and no TLS phase over http', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const record = await engineSend({ method: 'GET', url: upstream.url('/') })
    expect(record.timing.dns).toBeUndefined()
    expect(record.timing.tls).toBeUndefined()
    expect(record.timing.connect).toBeGreaterThanOrEqual(0)
  })

  it('keeps every phase non-negative when the size cap cuts the body off', async () => {
    // Found by e2e: a capped 60 MB body came back with connect = −726 ms, which the contract refuses.
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('Content-Type', 'application/octet-stream')
      response.end(Buffer.alloc(16 * 1024 * 1024, 1))
    })
    const record = await engineSend({
      method: 'GET',
      url: `http://localhost:${upstream.port}/`,
      settings: { maxResponseBytes: 1024 * 1024 },
    })
    expect(record.error?.code).toBe('RESPONSE_TOO_LARGE')
    for (const phase of ['dns', 'connect', 'firstByte', 'download'] as const)
      expect(record.timing[phase]).toBeGreaterThanOrEqual(0)
    expect(ResponseRecordSchema.safeParse(record).error?.issues ?? []).toEqual([])
  })
})
