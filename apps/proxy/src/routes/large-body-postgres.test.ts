import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { TOKEN_HEADER, type FileRef, type ResponseRecord } from '@courier/shared'
import { request } from 'undici'
import { expect, it } from 'vitest'
import { AllowList } from '../engine/allow-list.js'
import { buildTestApp, TEST_TOKEN } from '../test/build-test-app.js'
import { CHUNK, expectedHash, startGenerator } from '../test/generated-body.js'
import { describePostgres } from '../test/postgres.js'
import { ownSchema } from '../test/postgres-schema.js'

const MB = 1024 * 1024
// CI-sized; `node bench/large-body.mjs --postgres` runs the same path with 1 GB.
const SIZE = Number(process.env.COURIER_LARGE_BODY_MB ?? 128) * MB

/** Peak RSS and heap growth while `work` runs, sampled every 20 ms. */
async function peakGrowth(work: () => Promise<void>): Promise<{ rss: number; heap: number }> {
  global.gc?.()
  const before = process.memoryUsage()

  const peak = { rss: before.rss, heap: before.heapUsed }
  const sample = () => {
    const now = process.memoryUsage()
    peak.rss = Math.max(peak.rss, now.rss)
    peak.heap = Math.max(peak.heap, now.heapUsed)
  }
  const timer = setInterval(sample, 20)
  try {
    await work()
  } finally {
    clearInterval(timer)
    sample()
  }
  return { rss: peak.rss - before.rss, heap: peak.heap - before.heapUsed }
}

async function teamApp(url: string) {
  const database = { kind: 'postgres', url: await ownSchema(url, 'courier_large') } as const
  const app = await buildTestApp({ team: true, database, allowTargets: AllowList.parse(['127.0.0.0/8']) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` }
}

const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: TEST_TOKEN }

async function send(base: string, body: unknown): Promise<ResponseRecord> {
  const sent = await request(`${base}/api/send`, { method: 'POST', headers, body: JSON.stringify(body) })
  expect(sent.statusCode).toBe(200)
  return (await sent.body.json()) as ResponseRecord
}

describePostgres('very large bodies in PostgreSQL', () => {
  it(
    `streams a ${SIZE / MB} MB response into PostgreSQL chunk rows and out of the download route with flat memory`,
    { timeout: 180_000 },
    async () => {
      const { app, base } = await teamApp(process.env.TEST_DATABASE_URL!)
      const url = await startGenerator(SIZE)
      // The sealing thread, the pool's connections and the allocator's share of the driver's reads
      // are made once and kept: a first, smaller body through the same path pays for them, so the
      // growth measured below is what a body four times its size adds (buffering it would add it all).
      const warm = await send(base, { request: { method: 'GET', url: await startGenerator(SIZE / 4) } })
      expect(warm.error).toBeNull()
      const warmDownload = await request(`${base}${warm.body!.url}`, { headers: { [TOKEN_HEADER]: TEST_TOKEN } })
      for await (const chunk of warmDownload.body) void chunk
      const hash = expectedHash(SIZE)
      let record!: ResponseRecord
      const growth = await peakGrowth(async () => {
        record = await send(base, { request: { method: 'GET', url, settings: { maxResponseBytes: SIZE + MB } } })
        expect(record.error).toBeNull()
        expect(record.body).toMatchObject({ size: SIZE, inline: null, truncated: false })
        const download = await request(`${base}${record.body!.url}`, { headers: { [TOKEN_HEADER]: TEST_TOKEN } })
        expect(download.statusCode).toBe(200)
        const received = createHash('sha256')
        let bytes = 0
        for await (const chunk of download.body) {
          received.update(chunk as Buffer)
          bytes += (chunk as Buffer).length
        }
        expect(bytes).toBe(SIZE)
        expect(received.digest('hex')).toBe(hash)
      })
      console.log(
        `${SIZE / MB} MB through send and download on PostgreSQL: peak RSS growth ${(growth.rss / MB).toFixed(1)} MB, heap ${(growth.heap / MB).toFixed(1)} MB`,
      )
      // It is in the database, not on this instance's disk: one row per MiB.
      expect(await app.services.bodies.size(record.id)).toBe(SIZE)
      // Buffering the body anywhere would grow memory by its size; streaming stays well under it.
      expect(growth.rss).toBeLessThan(SIZE * 0.75)
      expect(growth.heap).toBeLessThan(SIZE * 0.75)
    },
  )

  it(
    'streams a 100 MB upload into PostgreSQL and out as a binary body with flat memory',
    { timeout: 180_000 },
    async () => {
      const { base } = await teamApp(process.env.TEST_DATABASE_URL!)
      let receivedBytes = 0
      const received = createHash('sha256')
      const counting = createServer((incoming, response) => {
        incoming.on('data', (chunk: Buffer) => {
          receivedBytes += chunk.length
          received.update(chunk)
        })
        incoming.on('end', () => response.end('ok'))
      })
      await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve))
      const target = `http://127.0.0.1:${(counting.address() as AddressInfo).port}/blob`
      const size = 100 * MB
      const upload = async (bytes: number): Promise<FileRef> => {
        const head = Buffer.from(
          '--B\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n',
        )
        async function* generate() {
          yield head
          for (let sent = 0; sent < bytes; sent += MB) yield CHUNK.subarray(0, Math.min(MB, bytes - sent))
          yield Buffer.from('\r\n--B--\r\n')
        }
        const response = await request(`${base}/api/files`, {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=B', [TOKEN_HEADER]: TEST_TOKEN },
          body: Readable.from(generate()),
        })
        expect(response.statusCode).toBe(201)
        return (await response.body.json()) as FileRef
      }
      await upload(4 * MB)
      const growth = await peakGrowth(async () => {
        const file = await upload(size)
        expect(file.size).toBe(size)
        const record = await send(base, { request: { method: 'PUT', url: target, body: { kind: 'binary', file } } })
        expect(record).toMatchObject({ status: 200, request: { bodySize: size } })
      })
      counting.close()
      console.log(
        `100 MB upload and send on PostgreSQL: peak RSS growth ${(growth.rss / MB).toFixed(1)} MB, heap ${(growth.heap / MB).toFixed(1)} MB`,
      )
      expect(receivedBytes).toBe(size)
      expect(received.digest('hex')).toBe(expectedHash(size))
      expect(growth.rss).toBeLessThan(85 * MB)
    },
  )
})
