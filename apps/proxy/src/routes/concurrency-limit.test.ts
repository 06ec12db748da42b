import { once } from 'node:events'
import { readdirSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TOKEN_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_TOKEN, tempDataDir } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

type Answer = {
  status: number
  headers: IncomingMessage['headers']
  json: () => { error?: { code: string; message: string } }
}

/** POST /api/send over a real socket to the listening app; `request` is there to cancel it (Cancel closes the connection). */
function post(port: number, url: string): { request: ClientRequest; answer: Promise<Answer> } {
  const payload = JSON.stringify({ request: { method: 'GET', url } })
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    path: '/api/send',
    method: 'POST',
    headers: {
      host: `127.0.0.1:${port}`,
      [TOKEN_HEADER]: TEST_TOKEN,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    },
  })
  const answer = new Promise<Answer>((resolve, reject) => {
    request.once('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.once('end', () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')),
        }),
      )
    })
    request.once('error', reject)
  })
  request.end(payload)
  return { request, answer }
}

/** Files this process holds open under `dir` (Linux: /proc/self/fd), deleted ones included. */
function openFilesUnder(dir: string): string[] {
  const open: string[] = []
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`)
      if (target.startsWith(dir)) open.push(target)
    } catch {
      // closed while listing
    }
  }
  return open
}

describe('concurrent sends per server', () => {
  it('refuses one past the cap with CONCURRENCY_LIMIT (429, Retry-After); a cancel frees its slot and the upstream socket', async () => {
    const dataDir = tempDataDir()
    const app = await buildTestApp({ port: 0, dataDir })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const port = (app.server.address() as AddressInfo).port
    const headers = { host: `127.0.0.1:${port}` }
    const settings = (await app.api({ method: 'GET', url: '/api/settings', headers })).json()
    const put = await app.api({
      method: 'PUT',
      url: '/api/settings',
      headers,
      payload: { ...settings, send: { ...settings.send, maxConcurrentSends: 3 } },
    })
    expect(put.statusCode).toBe(200)

    // A slow upstream: takes each request and never answers; tells when one arrives or its socket closes.
    const arrivals: string[] = []
    const closed: string[] = []
    let onEvent = () => {}
    const upstream = await startUpstream((request, response) => {
      arrivals.push(request.url!)
      // The one that gets cancelled has started its answer, so Courier has a body file open for it.
      if (request.url === '/2')
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' }).write('the start')
      request.socket.once('close', () => {
        closed.push(request.url!)
        onEvent()
      })
      onEvent()
    })
    const until = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        onEvent = () => done() && resolve()
        onEvent()
      })

    const inFlight = [post(port, upstream.url('/1')), post(port, upstream.url('/2')), post(port, upstream.url('/3'))]
    await until(() => arrivals.length === 3)

    const fourth = post(port, upstream.url('/4'))
    await Promise.race([fourth.answer, until(() => arrivals.includes('/4'))])
    expect(arrivals, 'the send past the cap reached the upstream').not.toContain('/4')
    expect(app.services.sendSlots.count).toBe(3)
    const refused = await fourth.answer
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('1')
    expect(refused.json().error).toMatchObject({ code: 'CONCURRENCY_LIMIT' })
    expect(refused.json().error!.message).toMatch(/3 requests are already in flight/)

    // Cancel the second send: Courier closes its upstream socket and gives the slot back.
    const released = once(app.services.sendSlots, 'release')
    inFlight[1]!.answer.catch(() => {}) // the cancelled call gets no answer
    inFlight[1]!.request.destroy()
    await until(() => closed.includes('/2'))
    await released
    expect(app.services.sendSlots.count).toBe(2)
    expect(closed).toEqual(['/2'])
    expect(readdirSync(join(dataDir, 'bodies')), 'the cancelled send left its body file').toEqual([])
    expect(openFilesUnder(join(dataDir, 'bodies')), 'the cancelled send kept its body file open').toEqual([])

    const accepted = post(port, upstream.url('/5'))
    await until(() => arrivals.includes('/5'))
    expect(app.services.sendSlots.count).toBe(3)

    // The rest end when the upstream goes away; every slot comes back.
    const allFree = new Promise<void>((resolve) =>
      app.services.sendSlots.on('release', (count: number) => count === 0 && resolve()),
    )
    await upstream.close()
    await Promise.all([inFlight[0]!.answer, inFlight[2]!.answer, accepted.answer])
    await allFree
    expect(app.services.sendSlots.count).toBe(0)
  })
})
