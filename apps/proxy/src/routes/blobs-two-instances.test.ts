import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FileRef, ResponseRecord } from '@courier/shared'
import pg from 'pg'
import { fetch, FormData } from 'undici'
import { describe, expect, it } from 'vitest'
import { AllowList } from '../engine/allow-list.js'
import { actor, startLiveServer, type LiveServer } from '../test/live-server.js'
import { ownSchema } from '../test/postgres-schema.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream } from '../test/upstream.js'

const url = process.env.TEST_DATABASE_URL
const MB = 1024 * 1024

async function get(server: LiveServer, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.origin}${path}`, { headers: { ...server.headers('ann'), ...headers } })
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) }
}

/** Does any chunk row (or header) of the database hold `needle` as it is? */
async function inClear(databaseUrl: string, needle: Buffer): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ data: Buffer }>('SELECT data FROM blob_chunks')
    expect(rows.length).toBeGreaterThan(0)
    return rows.some((row) => row.data.includes(needle))
  } finally {
    await client.end()
  }
}

describe.runIf(url)('bodies and uploads shared by two instances on one PostgreSQL (TEST_DATABASE_URL)', () => {
  it(
    'downloads on B, byte-exact and by range, a body sent through A; sends from B a file uploaded to A; nothing in clear in the rows',
    { timeout: 60_000 },
    async () => {
      const database = { kind: 'postgres', url: await ownSchema(url!, 'courier_blobs2') } as const
      const people = { ann: actor('ann', 'Ann'), carl: actor('carl', 'Carl') }
      // Stateless instances: one database and one data key, each its own (different) data folder.
      const [dirA, dirB] = [tempDataDir(), tempDataDir()]
      const config = { team: true, database, allowTargets: AllowList.parse(['127.0.0.0/8']) }
      const a = await startLiveServer({ ...config, dataDir: dirA }, people)
      writeFileSync(join(dirB, 'secret.key'), readFileSync(join(dirA, 'secret.key')), { mode: 0o600 })
      const b = await startLiveServer({ ...config, dataDir: dirB }, people)

      const body = Buffer.concat([Buffer.from('token=s3cr3t-body-marker;'), randomBytes(3 * MB + 12345)])
      const upstream = await startUpstream((request, response) => {
        if (request.url === '/echo') return response.end(request.body)
        response.setHeader('content-type', 'application/octet-stream')
        response.end(body)
      })

      const sent = await a.call('POST', '/api/send', { request: { method: 'GET', url: upstream.url('/big') } }, 'ann')
      expect(sent.status).toBe(200)
      const record = sent.json as ResponseRecord
      expect(record.error).toBeNull()
      expect(record.body).toMatchObject({ size: body.length, inline: null })

      // B has nothing on its disk; it reads the body from the database.
      const whole = await get(b, record.body!.url)
      expect(whole.status).toBe(200)
      expect(whole.headers.get('content-length')).toBe(String(body.length))
      expect(createHash('sha256').update(whole.body).digest('hex')).toBe(
        createHash('sha256').update(body).digest('hex'),
      )
      const [start, end] = [MB - 7, 2 * MB + 300_000]
      const ranged = await get(b, record.body!.url, { range: `bytes=${start}-${end}` })
      expect(ranged.status).toBe(206)
      expect(ranged.headers.get('content-range')).toBe(`bytes ${start}-${end}/${body.length}`)
      expect(ranged.body.equals(body.subarray(start, end + 1))).toBe(true)
      const suffix = await get(b, record.body!.url, { range: 'bytes=-10' })
      expect(suffix.body.equals(body.subarray(-10))).toBe(true)

      // Uploaded to A, sent by B as a binary body and as a multipart part.
      const upload = Buffer.concat([Buffer.from('upload-marker-in-clear:'), randomBytes(2 * MB + 99)])
      const form = new FormData()
      form.append('file', new Blob([upload], { type: 'application/x-test' }), 'data.bin')
      const uploaded = await fetch(`${a.origin}/api/files`, { method: 'POST', headers: a.headers('ann'), body: form })
      expect(uploaded.status).toBe(201)
      const file = (await uploaded.json()) as FileRef
      expect(file.size).toBe(upload.length)

      const binary = await b.call(
        'POST',
        '/api/send',
        { request: { method: 'POST', url: upstream.url('/echo'), body: { kind: 'binary', file } } },
        'ann',
      )
      expect(binary.status).toBe(200)
      expect((binary.json as ResponseRecord).error).toBeNull()
      const binaryReceived = upstream.received.find((r) => r.url === '/echo')!
      expect(binaryReceived.body.equals(upload)).toBe(true)

      const multipart = await b.call(
        'POST',
        '/api/send',
        {
          request: {
            method: 'POST',
            url: upstream.url('/echo'),
            body: { kind: 'multipart', parts: [{ kind: 'file', name: 'attachment', file }] },
          },
        },
        'ann',
      )
      expect(multipart.status).toBe(200)
      const multipartReceived = upstream.received.filter((r) => r.url === '/echo')[1]!
      expect(multipartReceived.body.includes(upload)).toBe(true)
      expect(multipartReceived.body.toString('latin1')).toMatch(/name="attachment"; filename="data.bin"/)
      // B downloads the echo of A's upload that it recorded itself, and A reads it too.
      const echoed = await get(a, (multipart.json as ResponseRecord).body!.url)
      expect(echoed.body.includes(upload)).toBe(true)

      // Sealed at rest: neither the body's nor the upload's bytes are in any row as they are.
      expect(await inClear(database.url, body.subarray(0, 25))).toBe(false)
      expect(await inClear(database.url, body.subarray(MB, MB + 64))).toBe(false)
      expect(await inClear(database.url, upload.subarray(0, 23))).toBe(false)

      // Deleting the entry on B removes the body's rows for every instance.
      const removed = await fetch(`${b.origin}/api/history/${record.id}`, {
        method: 'DELETE',
        headers: b.headers('ann'),
      })
      expect(removed.status).toBe(204)
      expect((await get(a, record.body!.url)).status).toBe(404)
      expect(await a.fastify.bodies.size(record.id)).toBeUndefined()

      // Clearing one person's history removes their bodies, never another person's.
      const big = { request: { method: 'GET', url: upstream.url('/big') } }
      const anns = (await a.call('POST', '/api/send', big, 'ann')).json as ResponseRecord
      const carls = (await a.call('POST', '/api/send', big, 'carl')).json as ResponseRecord
      const cleared = await fetch(`${b.origin}/api/history`, { method: 'DELETE', headers: b.headers('ann') })
      expect(cleared.status).toBe(204)
      expect(await a.fastify.bodies.size(anns.id)).toBeUndefined()
      expect(await b.fastify.bodies.size(carls.id)).toBe(body.length)
      const kept = await fetch(`${a.origin}${carls.body!.url}`, { headers: a.headers('carl') })
      expect(Buffer.from(await kept.arrayBuffer()).equals(body)).toBe(true)
    },
  )

  it('keeps no rows of a send cancelled while its body streams into PostgreSQL', { timeout: 60_000 }, async () => {
    const database = { kind: 'postgres', url: await ownSchema(url!, 'courier_blobs_cut') } as const
    const server = await startLiveServer({
      team: true,
      database,
      dataDir: tempDataDir(),
      allowTargets: AllowList.parse(['127.0.0.0/8']),
    })
    let hang!: () => void
    const upstream = await startUpstream(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(64 * MB) })
      response.write(randomBytes(6 * MB))
      await new Promise<void>((resolve) => (hang = resolve))
      response.destroy()
    })
    const bodies = server.fastify.services.bodies.blobs
    const cancel = new AbortController()
    const sending = fetch(`${server.origin}/api/send`, {
      method: 'POST',
      headers: { ...server.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ request: { method: 'GET', url: upstream.url('/slow') } }),
      signal: cancel.signal,
    }).catch((error: unknown) => error)
    // Midway: the body is being written, an incomplete blob with chunk rows.
    await expect
      .poll(async () => (await bodies.list()).filter((blob) => blob.partial).length, { timeout: 20_000 })
      .toBe(1)
    cancel.abort()
    expect(await sending).toMatchObject({ name: 'AbortError' })
    await expect.poll(async () => (await bodies.list()).length, { timeout: 20_000 }).toBe(0)
    hang()
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    expect((await client.query('SELECT count(*)::int AS n FROM blob_chunks')).rows[0].n).toBe(0)
    await client.end()
  })
})
