import { createServer } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { AllowList } from '../engine/allow-list.js'
import { signIn } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'
import { ensurePerson } from '../test/team-sessions.js'
import { historyEntry } from '../storage/store-contract.js'
import { call, startCaptureServer } from '../test/capture-kit.js'

/** A raw request line written as is (no client normalises it); answers status and body. */
function rawCall(
  port: number,
  target: string,
  host: string,
  cookie: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('latin1')
    socket.setTimeout(3000, () => socket.destroy(new Error(`no answer to ${target}: ${answer.slice(0, 200)}`)))
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('error', reject)
    socket.on('close', () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0),
        text: answer.split('\r\n\r\n').slice(1).join(''),
      }),
    )
    // Written, not ended: a half-closed client is one that went away (the forwarder stops).
    socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`)
  })
}

/** An upstream that counts every TCP connection made to it. */
async function countingUpstream() {
  let connections = 0
  const server = createServer((_request, response) => response.end('reached'))
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.address() as AddressInfo).port
  return { url: `http://127.0.0.1:${port}`, connections: () => connections }
}

describe("a capture mount cannot reach Courier's API or leave its upstream", () => {
  it('no spelling of a path reaches an /api handler or leaves the base path, even with a live session', async () => {
    const upstream = await startUpstream((request, response) => response.end(`upstream saw ${request.url}`))
    const courier = await startCaptureServer()
    await courier.mount({ name: 'm', upstream: upstream.url('/base') })
    await courier.fastify.store.history.append(historyEntry({ url: 'http://marker.test/' }))
    // The browser holds a live session: a spelling that reached /api/history would answer it.
    const { cookie } = await signIn(courier.fastify, courier.host)
    // The oracle works: the API itself, asked directly with that cookie, shows the marker.
    expect((await rawCall(courier.port, '/api/history', courier.host, cookie)).text).toContain('marker.test')
    const spellings = [
      '/capture/m/../../api/history',
      '/capture/m/%2e%2e/%2e%2e/api/history',
      '/capture/m/%2E%2E/%2E%2E/api/history',
      '/capture/m/..%2F..%2Fapi%2Fhistory',
      '/capture/m/..%2f..%2fapi/history',
      '/capture/m/%2e%2e%5c%2e%2e%5capi/history',
      '/capture/m/..\\..\\api/history',
      '/capture/m//api/history',
      '/capture/m/.//api/history',
      '/capture/m/./../api/history',
      '/capture/..%2Fapi/history',
      '/capture/%2e%2e/api/history',
      '/capture/m%2F..%2F..%2Fapi/history',
      '/capture/../api/history',
      '/capture/./m/../../api/history',
      '/CAPTURE/m/../api/history',
      '/capture/m/%252e%252e/api/history',
      `http://${courier.host}/capture/m/../../api/history`,
      `http://${courier.host}/capture/m/%2e%2e/api/history`,
      '/capture/m/%2e%2e/secret',
      '/capture/m/..;/secret',
    ]
    for (const target of spellings) {
      const before = upstream.received.length
      const answer = await rawCall(courier.port, target, courier.host, cookie)
      expect(answer.text, target).not.toContain('marker.test')
      expect(answer.text, target).not.toContain('"items"')
      for (const seen of upstream.received.slice(before)) {
        expect(seen.url.startsWith('/base/'), `${target} reached ${seen.url}`).toBe(true)
        expect(seen.url, target).not.toMatch(/\.\.|%2e%2e|\\/i)
      }
      if (upstream.received.length === before) expect(answer.status, target).toBeGreaterThanOrEqual(400)
    }
    // The plain spelling is forwarded under the base.
    const plain = await rawCall(courier.port, '/capture/m/api/history', courier.host, cookie)
    expect(plain, JSON.stringify(plain)).toMatchObject({ status: 200 })
    expect(plain.text).toContain('upstream saw /base/api/history')
  })

  it("refuses a mount whose upstream is Courier's own port, at connect time, and records TARGET_FORBIDDEN", async () => {
    const courier = await startCaptureServer()
    const events = courier.events()
    for (const [name, host] of [
      ['self', '127.0.0.1'],
      ['self-name', 'localhost'],
    ] as const) {
      await courier.mount({ name, upstream: `http://${host}:${courier.port}/api` })
      const answer = await call(courier.port, `/capture/${name}/history`)
      expect(answer.status).toBe(403)
      const error = JSON.parse(answer.body.toString()).error
      expect(error.code).toBe('TARGET_FORBIDDEN')
      expect(error.message).toMatch(/Courier does not send requests to/)
      const entry = await courier.entry((await events.next()).id)
      expect(entry).toMatchObject({ status: null, errorCode: 'TARGET_FORBIDDEN' })
      expect(entry.response.error?.message).toBe(error.message)
    }
  })

  it('refuses a cloud metadata upstream', async () => {
    const courier = await startCaptureServer()
    await courier.mount({ name: 'meta', upstream: 'http://169.254.169.254/latest' })
    const answer = await call(courier.port, '/capture/meta/meta-data')
    expect(answer.status).toBe(403)
    expect(JSON.parse(answer.body.toString()).error.code).toBe('TARGET_FORBIDDEN')
  })

  it("a team server's public-only policy blocks a loopback upstream: no connection is made", async () => {
    const upstream = await countingUpstream()
    const courier = await startCaptureServer({ team: true, allowTargets: AllowList.parse([]) })
    const owner = await ensurePerson(courier.fastify, { id: 'u-team', email: 'team@team.test', name: 'Tea' })
    const workspace = await courier.fastify.store.memberships.createWorkspace('Team', 'team', owner.id)
    await courier.fastify.store.captureMounts.create(owner.id, workspace.id, {
      name: 'internal',
      upstream: upstream.url,
    })
    const answer = await call(courier.port, '/capture/internal/x')
    expect(answer.status).toBe(403)
    const error = JSON.parse(answer.body.toString()).error
    expect(error.code).toBe('TARGET_FORBIDDEN')
    expect(error.message).toMatch(/loopback addresses are blocked on this team server/)
    expect(upstream.connections()).toBe(0)
  })

  it('a refused caller makes no connection to the upstream at all', async () => {
    const upstream = await countingUpstream()
    const courier = await startCaptureServer()
    await courier.mount({ name: 'quiet', upstream: upstream.url, allowedOrigins: ['http://localhost:5173'] })
    expect((await call(courier.port, '/capture/quiet/x', { headers: { origin: 'https://evil.test' } })).status).toBe(
      403,
    )
    expect((await call(courier.port, '/capture/quiet/x', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(
      403,
    )
    expect(upstream.connections()).toBe(0)
    expect(
      (await call(courier.port, '/capture/quiet/x', { headers: { origin: 'http://localhost:5173' } })).status,
    ).toBe(200)
    expect(upstream.connections()).toBe(1)
  })

  it('keeps the Host check: a capture call to another Host name is refused', async () => {
    const upstream = await countingUpstream()
    const courier = await startCaptureServer()
    await courier.mount({ name: 'hosted', upstream: upstream.url })
    const answer = await call(courier.port, '/capture/hosted/x', { host: 'attacker.test' })
    expect(answer.status).toBe(403)
    expect(JSON.parse(answer.body.toString()).error.code).toBe('HOST_NOT_ALLOWED')
    expect(upstream.connections()).toBe(0)
  })
})
