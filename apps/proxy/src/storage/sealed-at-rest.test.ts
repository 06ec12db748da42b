import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

const SECRET = 'sk_live_ECHOED_4242_secret'
const TOKEN = 'at_FRESH_ACCESS_TOKEN_9f8e7d6c'
const FILE_SECRET = 'pw_IN_AN_UPLOADED_FILE_77'

/** Every file under `dir`, however deep. */
function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? allFiles(path) : [path]
  })
}

function multipart(content: string): string {
  return `--B\r\nContent-Disposition: form-data; name="file"; filename="creds.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--B--\r\n`
}

/** `request` sent through Courier's /api/send: the record it answers. */
async function sendThrough(app: Awaited<ReturnType<typeof buildTestApp>>, request: Record<string, unknown>) {
  return (await app.api({ method: 'POST', url: '/api/send', payload: { request } })).json()
}

describe('bodies and uploaded files at rest', () => {
  it('keeps no secret in clear anywhere in the data folder after sends, and still serves the bodies byte-exact', async () => {
    const dataDir = tempDataDir()
    // A login that answers a fresh token, and an echo that returns what it was sent (a big body
    // too, so a body file is certainly written beside the inline preview).
    const upstream = await startUpstream((incoming, response) => {
      response.setHeader('Content-Type', 'application/json')
      if (incoming.url === '/login') return response.end(JSON.stringify({ access_token: TOKEN, token_type: 'Bearer' }))
      response.end(
        JSON.stringify({
          headers: incoming.headers,
          body: incoming.body.toString('utf8'),
          padding: 'y'.repeat(300 * 1024),
        }),
      )
    })
    const app = await buildTestApp({ dataDir })

    const login = await sendThrough(app, { method: 'POST', url: upstream.url('/login') })
    expect(login.status, JSON.stringify(login).slice(0, 400)).toBe(200)
    const echo = await sendThrough(app, {
      method: 'GET',
      url: upstream.url('/echo'),
      headers: [['X-Api-Key', SECRET, true]],
    })
    expect(echo.status).toBe(200)
    const upload = await app.api({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'multipart/form-data; boundary=B' },
      payload: multipart(FILE_SECRET),
    })
    expect(upload.statusCode).toBe(201)
    const sentFile = (
      await app.api({
        method: 'POST',
        url: '/api/send',
        payload: {
          request: { method: 'PUT', url: upstream.url('/file'), body: { kind: 'binary', file: upload.json() } },
        },
      })
    ).json()
    expect(sentFile.status).toBe(200)
    expect(upstream.received.at(-1)!.body.toString()).toBe(FILE_SECRET)

    // The bodies still come back whole, and by range.
    const whole = await app.api({ method: 'GET', url: login.body.url })
    expect(whole.statusCode).toBe(200)
    expect(whole.json().access_token).toBe(TOKEN)
    const part = await app.api({ method: 'GET', url: echo.body.url, headers: { range: 'bytes=10-99' } })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 10-99/${echo.body.size}`)
    expect(part.body).toBe(
      whole.body.length > 0 ? (await app.api({ method: 'GET', url: echo.body.url })).body.slice(10, 100) : '',
    )
    await app.close()

    const files = allFiles(dataDir)
    // The big echo is a body file; the small login answer lives in its history row, in the database file.
    expect(files.some((path) => path.includes(`${join('bodies', echo.id)}`))).toBe(true)
    expect(files.some((path) => path.includes(`${join('bodies', login.id)}`))).toBe(false)
    expect(files.some((path) => path.endsWith('courier.sqlite'))).toBe(true)
    for (const path of files) {
      const bytes = readFileSync(path)
      for (const secret of [SECRET, TOKEN, FILE_SECRET])
        expect(bytes.includes(secret), `${secret} in ${path}`).toBe(false)
    }
  })

  it('answers byte ranges from the sealed body, and a damaged body with STORAGE_CORRUPT instead of bytes', async () => {
    const dataDir = tempDataDir()
    // Above SMALL_BODY: a body file of its own.
    const text = Array.from({ length: 12000 }, (_, i) => `line ${i}`).join('\n')
    const upstream = await startUpstream((_request, response) => response.end(text))
    const app = await buildTestApp({ dataDir })
    const sent = await sendThrough(app, { method: 'GET', url: upstream.url('/') })
    const size = Buffer.byteLength(text)
    const tail = await app.api({ method: 'GET', url: sent.body.url, headers: { range: 'bytes=-9' } })
    expect(tail.statusCode).toBe(206)
    expect(tail.body).toBe(text.slice(-9))
    expect(tail.headers['content-range']).toBe(`bytes ${size - 9}-${size - 1}/${size}`)
    const beyond = await app.api({ method: 'GET', url: sent.body.url, headers: { range: `bytes=${size}-` } })
    expect(beyond.statusCode).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`)

    const path = join(dataDir, 'bodies', sent.id)
    const bytes = readFileSync(path)
    bytes[bytes.length - 20]! ^= 1
    writeFileSync(path, bytes)
    const damaged = await app.api({ method: 'GET', url: sent.body.url })
    expect(damaged.statusCode).toBe(500)
    expect(damaged.json().error).toMatchObject({
      code: 'STORAGE_CORRUPT',
      message: expect.stringMatching(/response body is damaged/),
    })
  })
  it('keeps a small binary body sealed in its history row: served byte-exact and by range, STORAGE_CORRUPT when altered', async () => {
    const dataDir = tempDataDir()
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('Content-Type', 'application/octet-stream')
      response.end(binary)
    })
    const app = await buildTestApp({ dataDir })
    const sent = await sendThrough(app, { method: 'GET', url: upstream.url('/') })
    expect(sent.status).toBe(200)
    expect(allFiles(dataDir).some((path) => path.includes(join('bodies', sent.id)))).toBe(false)
    const whole = await app.api({ method: 'GET', url: sent.body.url })
    expect(whole.rawPayload.equals(binary)).toBe(true)
    const part = await app.api({ method: 'GET', url: sent.body.url, headers: { range: 'bytes=100-199' } })
    expect(part.statusCode).toBe(206)
    expect(part.rawPayload.equals(binary.subarray(100, 200))).toBe(true)
    expect(part.headers['content-range']).toBe(`bytes 100-199/${binary.length}`)

    // Another row's sealed body pasted into this row does not open: each is sealed for its own id.
    const other = await sendThrough(app, { method: 'GET', url: upstream.url('/') })
    const db = new Database(join(dataDir, 'courier.sqlite'))
    try {
      db.prepare('UPDATE history SET body_sealed = (SELECT body_sealed FROM history WHERE id = ?) WHERE id = ?').run(
        other.id,
        sent.id,
      )
    } finally {
      db.close()
    }
    const damaged = await app.api({ method: 'GET', url: sent.body.url })
    expect(damaged.statusCode).toBe(500)
    expect(damaged.json().error).toMatchObject({ code: 'STORAGE_CORRUPT' })
    expect((await app.api({ method: 'GET', url: other.body.url })).rawPayload.equals(binary)).toBe(true)
  })
})
