import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

const MB = 1024 * 1024

/** A multipart upload of `size` bytes generated on the fly, never held in memory. */
function multipartStream(size: number, filename = 'big.bin', boundary = 'XBOUNDARY'): Readable {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const chunk = Buffer.alloc(MB, 7)
  async function* generate() {
    yield head
    for (let sent = 0; sent < size; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - sent))
    yield tail
  }
  return Readable.from(generate())
}

/** Peak resident memory growth while `work` runs, sampled every 20 ms. */
async function peakRssGrowth(work: () => Promise<void>): Promise<number> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return Math.max(peak, process.memoryUsage().rss) - before
}

describe('POST /api/files', () => {
  it('streams a 100 MB upload to disk and on to the target with flat memory', async () => {
    const app = await buildTestApp()
    // A target that counts what arrives without keeping it.
    let receivedBytes = 0
    const counting = await new Promise<{ port: number; close: () => void }>((resolve) => {
      const server = createServer((request, response) => {
        request.on('data', (chunk: Buffer) => (receivedBytes += chunk.length))
        request.on('end', () => response.end('ok'))
      })
      server.listen(0, '127.0.0.1', () =>
        resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() }),
      )
    })
    let fileId = ''
    // The sealing thread is started once per process and then kept: start it before measuring, so the
    // growth below is what this upload costs, not the thread's own fixed memory.
    const warmUp = await app.api({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'multipart/form-data; boundary=XBOUNDARY' },
      payload: multipartStream(4 * MB),
    })
    expect(warmUp.statusCode).toBe(201)
    const growth = await peakRssGrowth(async () => {
      const upload = await app.api({
        method: 'POST',
        url: '/api/files',
        headers: { 'content-type': 'multipart/form-data; boundary=XBOUNDARY' },
        payload: multipartStream(100 * MB),
      })
      expect(upload.statusCode).toBe(201)
      const file = upload.json()
      expect(file).toMatchObject({ filename: 'big.bin', contentType: 'application/octet-stream', size: 100 * MB })
      fileId = file.fileId
      const sent = await app.api({
        method: 'POST',
        url: '/api/send',
        payload: {
          request: { method: 'PUT', url: `http://127.0.0.1:${counting.port}/blob`, body: { kind: 'binary', file } },
        },
      })
      expect(sent.json()).toMatchObject({ status: 200, request: { bodySize: 100 * MB } })
    })
    counting.close()
    expect(receivedBytes).toBe(100 * MB)
    expect(fileId).not.toBe('')
    // Buffering the file anywhere would cost ≥ 100 MB; streaming stays well below (85 MB leaves room for a loaded machine).
    expect(growth).toBeLessThan(85 * MB)
  }, 60_000)

  it('refuses an upload over the limit and keeps nothing of it', async () => {
    const dataDir = tempDataDir()
    const app = await buildTestApp({ dataDir, maxUploadBytes: 2 * MB })
    const upload = await app.api({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'multipart/form-data; boundary=XBOUNDARY' },
      payload: multipartStream(3 * MB),
    })
    expect(upload.statusCode).toBe(413)
    expect(upload.json().error.code).toBe('MULTIPART_LIMIT')
    expect(readdirSync(join(dataDir, 'files'))).toEqual([])
  })

  it('refuses malformed multipart with a clear code', async () => {
    const app = await buildTestApp()
    const upload = await app.api({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'multipart/form-data; boundary=XBOUNDARY' },
      payload: '--WRONG\r\nnot a part',
    })
    expect(upload.statusCode).toBe(400)
    expect(upload.json().error.code).toBe('MULTIPART_INVALID')
  })

  it('keeps only a sanitised file name, never a path', async () => {
    const app = await buildTestApp()
    const upload = await app.api({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'multipart/form-data; boundary=XBOUNDARY' },
      payload: multipartStream(10, '../../etc/passwd'),
    })
    expect(upload.statusCode).toBe(201)
    expect(upload.json().filename).not.toContain('/')
  })
})

describe('cookie manager routes', () => {
  it('lists, adds, edits and deletes jar cookies, and the jar survives a restart', async () => {
    const dataDir = tempDataDir()
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('Set-Cookie', 'session=abc; Path=/; HttpOnly')
      response.end()
    })
    const app = await buildTestApp({ dataDir })
    await app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: upstream.url('/') } } })
    const listed = (await app.api({ method: 'GET', url: '/api/cookies' })).json()
    expect(listed.cookies).toEqual([
      expect.objectContaining({ domain: '127.0.0.1', path: '/', name: 'session', value: 'abc', httpOnly: true }),
    ])

    const added = await app.api({
      method: 'PUT',
      url: '/api/cookies',
      payload: { domain: 'api.example.com', name: 'theme', value: 'dark', path: '/' },
    })
    expect(added.json().cookies.map((c: { name: string }) => c.name)).toEqual(['session', 'theme'])
    const edited = await app.api({
      method: 'PUT',
      url: '/api/cookies',
      payload: { domain: 'api.example.com', name: 'theme', value: 'light', path: '/' },
    })
    expect(edited.json().cookies.find((c: { name: string }) => c.name === 'theme').value).toBe('light')

    const forUrl = (
      await app.api({ method: 'GET', url: `/api/cookies?url=${encodeURIComponent('http://api.example.com/x')}` })
    ).json()
    expect(forUrl.cookies.map((c: { name: string }) => c.name)).toEqual(['theme'])

    const removed = await app.api({ method: 'DELETE', url: '/api/cookies/entry?domain=127.0.0.1&path=/&name=session' })
    expect(removed.json().cookies.map((c: { name: string }) => c.name)).toEqual(['theme'])
    await app.close()

    const restarted = await buildTestApp({ dataDir })
    expect(
      (await restarted.api({ method: 'GET', url: '/api/cookies' })).json().cookies.map((c: { name: string }) => c.name),
    ).toEqual(['theme'])
    await restarted.api({ method: 'DELETE', url: '/api/cookies' })
    expect((await restarted.api({ method: 'GET', url: '/api/cookies' })).json().cookies).toEqual([])
  })

  it('keeps jar cookies sealed in the database file: a session cookie is a credential', async () => {
    const dataDir = tempDataDir()
    const secret = 'sess_VERY_SECRET_9f8e7d'
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('Set-Cookie', `session=${secret}; Path=/; HttpOnly`)
      response.end()
    })
    const app = await buildTestApp({ dataDir })
    await app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: upstream.url('/') } } })
    await app.close()
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('courier.sqlite'))) {
      expect(readFileSync(join(dataDir, file)).includes(Buffer.from(secret)), file).toBe(false)
    }
    const restarted = await buildTestApp({ dataDir })
    expect((await restarted.api({ method: 'GET', url: '/api/cookies' })).json().cookies[0]).toMatchObject({
      name: 'session',
      value: secret,
    })
    await restarted.close()
  })
})

describe('settings routes', () => {
  it('keeps global send defaults that the next send obeys', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', '/elsewhere')
      response.end()
    })
    const app = await buildTestApp()
    const defaults = (await app.api({ method: 'GET', url: '/api/settings' })).json()
    expect(defaults.send).toMatchObject({ timeoutMs: 60_000, followRedirects: true, maxRedirects: 10, verifyTls: true })
    const saved = await app.api({
      method: 'PUT',
      url: '/api/settings',
      payload: { send: { ...defaults.send, followRedirects: false } },
    })
    expect(saved.statusCode).toBe(200)
    const record = (
      await app.api({
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', url: upstream.url('/') } },
      })
    ).json()
    expect(record.status).toBe(302)

    const bad = await app.api({
      method: 'PUT',
      url: '/api/settings',
      payload: { send: { ...defaults.send, timeoutMs: -5 } },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'INVALID_REQUEST', field: 'send.timeoutMs' })
  })
})
