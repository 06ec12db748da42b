import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { startUpstream } from '../test/upstream.js'
import { engineSend } from '../test/engine-send.js'
import { testBodyStore } from '../test/stores.js'
import { DEFAULT_ENGINE_SETTINGS } from './settings.js'

const MB = 1024 * 1024
const CAP = 2 * MB

async function fetchBomb(encoding: string, payload: Buffer) {
  const upstream = await startUpstream((_request, response) => {
    response.setHeader('Content-Encoding', encoding)
    response.end(payload)
  })
  const bodies = testBodyStore()
  const rssBefore = process.memoryUsage().rss
  const record = await engineSend(
    { method: 'GET', url: upstream.url('/') },
    { defaults: { ...DEFAULT_ENGINE_SETTINGS, maxResponseBytes: CAP } },
    bodies,
  )
  return { record, stored: await bodies.size(record.id), rssGrowth: process.memoryUsage().rss - rssBefore }
}

// The decoded-size cap is what stops a bomb: the wire bytes are tiny, the decoded ones are not.
describe('decompression bombs are capped at the decoded size', () => {
  const zeros = Buffer.alloc(128 * MB)

  it.each([
    ['gzip', 'gzip', () => gzipSync(zeros, { level: 9 })],
    ['brotli', 'br', () => brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })],
    ['deflate', 'deflate', () => deflateSync(zeros)],
    ['gzip inside gzip', 'gzip, gzip', () => gzipSync(gzipSync(zeros))],
  ])('%s: 128 MB of zeros stop at the cap, flagged truncated', async (_name, encoding, build) => {
    const payload = build()
    expect(payload.length).toBeLessThan(MB) // the whole bomb fits in a few hundred KB on the wire
    const { record, stored, rssGrowth } = await fetchBomb(encoding, payload)
    expect(record.error?.code).toBe('RESPONSE_TOO_LARGE')
    expect(record.body?.truncated).toBe(true)
    expect(record.sizes.body).toBe(CAP)
    expect(stored).toBe(CAP)
    expect(record.sizes.bodyWire).toBeLessThanOrEqual(payload.length)
    // Decoding stopped early: nowhere near the 128 MB the bomb would expand to was held.
    expect(rssGrowth).toBeLessThan(64 * MB)
  })
})
