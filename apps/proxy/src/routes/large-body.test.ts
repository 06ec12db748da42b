import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { TOKEN_HEADER, type ResponseRecord } from '@courier/shared'
import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_TOKEN } from '../test/build-test-app.js'
import { expectedHash, startGenerator } from '../test/generated-body.js'

const MB = 1024 * 1024
// CI-sized; bench/large-body.mjs runs the same path with 1 GB.
const SIZE = Number(process.env.COURIER_LARGE_BODY_MB ?? 192) * MB

describe('a very large response', () => {
  it(
    `streams ${SIZE / MB} MB to the body store and out of the download route with flat memory`,
    { timeout: 120_000 },
    async () => {
      const app = await buildTestApp()
      await app.listen({ port: 0, host: '127.0.0.1' })
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      const url = await startGenerator(SIZE)
      const hash = expectedHash(SIZE)

      global.gc?.()
      const before = process.memoryUsage().rss
      let peak = before
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25)
      try {
        const sent = await request(`${base}/api/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TEST_TOKEN },
          body: JSON.stringify({ request: { method: 'GET', url, settings: { maxResponseBytes: SIZE + MB } } }),
        })
        const record = (await sent.body.json()) as ResponseRecord
        expect(sent.statusCode).toBe(200)
        expect(record.error).toBeNull()
        expect(record.sizes.body).toBe(SIZE)
        expect(record.body).toMatchObject({ size: SIZE, inline: null, truncated: false })

        const download = await request(`${base}${record.body!.url}?download=1`, {
          headers: { [TOKEN_HEADER]: TEST_TOKEN },
        })
        expect(download.statusCode).toBe(200)
        expect(download.headers['content-length']).toBe(String(SIZE))
        expect(download.headers['content-disposition']).toMatch(/^attachment; filename="big.bin"/)
        const received = createHash('sha256')
        let bytes = 0
        for await (const chunk of download.body) {
          received.update(chunk as Buffer)
          bytes += (chunk as Buffer).length
        }
        expect(bytes).toBe(SIZE)
        expect(received.digest('hex')).toBe(hash)
      } finally {
        clearInterval(sampler)
      }
      const growth = Math.max(peak, process.memoryUsage().rss) - before
      console.log(`${SIZE / MB} MB through send and download: peak RSS growth ${(growth / MB).toFixed(1)} MB`)
      // Buffering the body anywhere would grow memory by its size; streaming stays well under it.
      expect(growth).toBeLessThan(Math.min(SIZE / 2, 96 * MB))
    },
  )
})
