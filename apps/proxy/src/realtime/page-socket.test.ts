import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { ServerResponse } from 'node:http'
import { TOKEN_HEADER, WORKSPACE_HEADER, type RealtimeServerMessage } from '@courier/shared'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import WebSocket from 'ws'
import { TEST_TOKEN } from '../test/build-test-app.js'
import { actor } from '../test/live-server.js'
import { startUpstream } from '../test/upstream.js'
import { connectPage, openWebSocket, realtimeUrl, startCourier, startEchoServer } from '../test/realtime-kit.js'
import { ACCESS_LOST_CLOSE } from './realtime-routes.js'

type Courier = Awaited<ReturnType<typeof startCourier>>

/** A TCP server that accepts connections and never says a word: a handshake to it never ends. */
async function startSilentServer(): Promise<{ port: number; connected: Promise<Socket>; sockets: Socket[] }> {
  const sockets: Socket[] = []
  let first: (socket: Socket) => void = () => {}
  const connected = new Promise<Socket>((resolve) => (first = resolve))
  const server = createServer((socket) => {
    sockets.push(socket)
    socket.on('error', () => {})
    first(socket)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  )
  return { port: (server.address() as AddressInfo).port, connected, sockets }
}

function courierBuffered(courier: Courier): number {
  const server = (courier.fastify as unknown as { websocketServer: { clients: Set<{ bufferedAmount: number }> } })
    .websocketServer
  return [...server.clients].reduce((sum, client) => sum + client.bufferedAmount, 0)
}

const sse = (sessionId: string, url: string) => ({
  type: 'open',
  sessionId,
  input: { request: { method: 'GET', url, realtime: { kind: 'sse', reconnect: false } } },
})

describe('one page socket, many sessions', () => {
  it('lets other sessions open and talk while one waits on a silent upstream; closing it then ends it', async () => {
    const courier = await startCourier()
    const silent = await startSilentServer()
    const echo = await startEchoServer()
    const page = await connectPage(courier)
    page.send(sse('stuck', `http://127.0.0.1:${silent.port}/feed`))
    await silent.connected
    // The same id again while it connects: refused, it is already there.
    page.send(sse('stuck', `http://127.0.0.1:${silent.port}/feed`))
    const duplicate = await page.next('error', (m) => m.sessionId === 'stuck')
    expect(duplicate.error.code).toBe('REALTIME_MESSAGE_INVALID')

    page.send(openWebSocket('quick', echo.url))
    await page.next('opened', (m) => m.sessionId === 'quick')
    page.send({ type: 'send', sessionId: 'quick', format: 'text', data: 'still here' })
    await vi.waitFor(() =>
      expect(page.frames('quick').some((f) => f.dir === 'in' && f.data === 'still here')).toBe(true),
    )
    page.send({ type: 'ping', sessionId: 'quick' })
    await vi.waitFor(() => expect(page.frames('quick').some((f) => f.dir === 'in' && f.type === 'pong')).toBe(true))

    // Closing the session that never connected ends it at once: the page hears `closed`.
    page.send({ type: 'close', sessionId: 'stuck' })
    const closed = await page.next('closed', (m) => m.sessionId === 'stuck')
    expect(closed.sessionId).toBe('stuck')
    expect(page.messages.filter((m) => m.type === 'error' && m.sessionId === 'stuck')).toHaveLength(1)
    expect(page.messages.some((m) => m.type === 'opened' && m.sessionId === 'stuck')).toBe(false)
    // The other session is untouched.
    page.send({ type: 'close', sessionId: 'quick' })
    await page.next('closed', (m) => m.sessionId === 'quick')
  })

  it('answers a close code or reason WebSocket does not allow with an error, and keeps the session', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const page = await connectPage(courier)
    page.send(openWebSocket('s', echo.url))
    await page.next('opened')
    page.send({ type: 'close', sessionId: 's', code: 1005 })
    page.send({ type: 'close', sessionId: 's', code: 2999 })
    page.send({ type: 'close', sessionId: 's', code: 1000, reason: 'é'.repeat(62) })
    await expect.poll(() => page.messages.filter((m) => m.type === 'error').length).toBe(3)
    const errors = page.messages.flatMap((m) => (m.type === 'error' ? [m] : []))
    for (const error of errors)
      expect(error).toMatchObject({ sessionId: 's', error: { code: 'REALTIME_MESSAGE_INVALID' } })
    expect(errors[0]!.error.message).toMatch(/code/)
    expect(errors[2]!.error.message).toMatch(/reason/)
    // Still open: a message goes through, and an allowed close ends it as asked.
    page.send({ type: 'send', sessionId: 's', format: 'text', data: 'after' })
    await vi.waitFor(() => expect(page.frames('s').some((f) => f.dir === 'in' && f.data === 'after')).toBe(true))
    page.send({ type: 'close', sessionId: 's', code: 4001, reason: 'é'.repeat(61) })
    expect(await page.next('closed')).toMatchObject({ code: 4001, reason: 'é'.repeat(61) })
  })
})

describe('secrets on the page', () => {
  it('shows a secret variable as {{name}} in the handshake and Courier’s notes, never its value', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const secret = 'hidden-key-9931'
    const env = await courier.call('POST', '/api/environments', {
      name: 'Dev',
      variables: [{ name: 'key', value: secret, secret: true }],
    })
    const environmentId = (env.json as { id: string }).id
    const page = await connectPage(courier)
    page.send(
      openWebSocket(
        'w',
        `${echo.url}/feed?key={{key}}&room=1`,
        { headers: [['X-Api-Key', '{{key}}', true]] } as never,
        { environmentId },
      ),
    )
    const opened = await page.next('opened')
    // The upstream got the value; the page did not.
    expect(echo.handshakes[0]!['x-api-key']).toBe(secret)
    expect(opened.handshake.url).toBe(`${echo.url}/feed?key={{key}}&room=1`)
    expect(opened.handshake.requestHeaders).toContainEqual(['X-Api-Key', '{{key}}'])
    await vi.waitFor(() => expect(page.frames('w').some((f) => f.type === 'open')).toBe(true))
    expect(page.frames('w').find((f) => f.type === 'open')!.data).toContain('key={{key}}')
    page.send({ type: 'close', sessionId: 'w' })
    await page.next('closed')
    expect(JSON.stringify(page.messages)).not.toContain(secret)
  })
})

describe('a page too slow for an upstream that cannot wait', () => {
  it('keeps frames past the byte cap in history only, and tells the page how many it did not see', async () => {
    const courier = await startCourier({ realtime: { highWaterBytes: 64 * 1024, maxPendingBytes: 256 * 1024 } })
    let stream: ServerResponse | undefined
    let streamed: () => void = () => {}
    const started = new Promise<void>((resolve) => (streamed = resolve))
    const upstream = await startUpstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write(': hello\n\n')
      stream = response
      streamed()
    })
    const page = await connectPage(courier)
    page.send(sse('feed', upstream.url('/feed')))
    await page.next('opened')
    await started
    page.socket.pause()
    const big = 'z'.repeat(16 * 1024)
    let sent = 0
    const write = async () => {
      sent++
      if (!stream!.write(`data: ${sent} ${big}\n\n`)) await once(stream!, 'drain')
      else await new Promise((resolve) => setImmediate(resolve))
    }
    // Until Courier's socket to the page is backed up, then well past the cap: those are not shown live.
    while (courierBuffered(courier) <= 64 * 1024 && sent < 20_000) await write()
    expect(sent).toBeLessThan(20_000)
    for (let i = 0; i < 64; i++) await write()
    stream!.end()
    page.socket.resume()
    const closed = await page.next('closed', (m) => m.sessionId === 'feed')

    const events = page.frames('feed').filter((f) => f.type === 'event')
    // Said once each time the page caught up after frames were left out.
    const notes = page.frames('feed').filter((f) => f.dir === 'info' && /not shown live/.test(f.data))
    expect(notes.length).toBeGreaterThan(0)
    const notShown = notes.reduce((sum, f) => sum + Number(/^(\d+) frames? not shown live/.exec(f.data)?.[1]), 0)
    expect(notShown).toBeGreaterThan(0)
    expect(events.length + notShown).toBe(sent)
    expect(events.map((f) => Number(f.data.split(' ')[0]))).toEqual(
      [...events.map((f) => Number(f.data.split(' ')[0]))].sort((a, b) => a - b),
    )
    // History has every event, byte-exact.
    const body = await fetch(`${courier.origin}/api/responses/${closed.historyId}/body`, { headers: courier.headers() })
    const text = await body.text()
    expect(text.match(/^data: /gm)).toHaveLength(sent)
  })
})

describe('the page socket heartbeat', () => {
  it('ends a page socket that stops answering pings, and its sessions with it; one that answers stays', async () => {
    const courier = await startCourier({ realtime: { heartbeatMs: 50 } })
    const echo = await startEchoServer()
    // The mute page answers pings by hand while it sets up, then stops.
    let muteAnswers = true
    const connect = (autoPong: boolean) => {
      const socket = new WebSocket(realtimeUrl(courier), {
        headers: { origin: courier.origin, [TOKEN_HEADER]: TEST_TOKEN },
        autoPong,
      })
      if (!autoPong) socket.on('ping', () => muteAnswers && socket.pong())
      onTestFinished(() => socket.terminate())
      const messages: RealtimeServerMessage[] = []
      socket.on('message', (raw: Buffer) => messages.push(JSON.parse(raw.toString('utf8')) as RealtimeServerMessage))
      return { socket, messages }
    }
    const live = connect(true)
    const mute = connect(false)
    await Promise.all([once(live.socket, 'open'), once(mute.socket, 'open')])
    let livePings = 0
    live.socket.on('ping', () => livePings++)
    mute.socket.send(JSON.stringify({ type: 'hello', token: TEST_TOKEN }))
    await vi.waitFor(() => expect(mute.messages.map((m) => m.type)).toContain('ready'))
    mute.socket.send(JSON.stringify(openWebSocket('s', echo.url)))
    await vi.waitFor(() => expect(mute.messages.map((m) => m.type)).toContain('opened'))
    const upstream = [...echo.server.clients][0]!
    const upstreamClosed = once(upstream, 'close')
    const muteClosed = once(mute.socket, 'close')
    muteAnswers = false
    const [code] = (await muteClosed) as [number]
    expect(code).toBe(1006)
    await upstreamClosed
    await vi.waitFor(() => expect(livePings).toBeGreaterThanOrEqual(4))
    expect(live.socket.readyState).toBe(WebSocket.OPEN)
  })
})

describe('team mode: access checked on every open', () => {
  it('closes the page socket (4403) when its person was removed from the workspace', async () => {
    const courier = await startCourier({ team: true }, { ann: actor('ann', 'Ann'), carl: actor('carl', 'Carl') })
    const memberships = courier.fastify.store.memberships
    const team = await memberships.createWorkspace('Shop team', 'team', 'ann')
    await memberships.setRole(team.id, 'carl', 'editor')
    const echo = await startEchoServer()
    const carl = courier.headers('carl')
    const socket = new WebSocket(`${realtimeUrl(courier)}?workspace=${team.id}`, {
      headers: { origin: courier.origin, cookie: carl.cookie!, [WORKSPACE_HEADER]: team.id },
    })
    onTestFinished(() => socket.terminate())
    const messages: RealtimeServerMessage[] = []
    socket.on('message', (raw: Buffer) => messages.push(JSON.parse(raw.toString('utf8')) as RealtimeServerMessage))
    await once(socket, 'open')
    socket.send(JSON.stringify({ type: 'hello', token: carl[TOKEN_HEADER] }))
    socket.send(JSON.stringify(openWebSocket('first', echo.url)))
    await vi.waitFor(() => expect(messages.some((m) => m.type === 'opened' && m.sessionId === 'first')).toBe(true))

    await memberships.removeMember(team.id, 'carl')
    const closing = once(socket, 'close')
    const upstreamClosed = once([...echo.server.clients][0]!, 'close')
    socket.send(JSON.stringify(openWebSocket('second', echo.url)))
    const [code] = (await closing) as [number]
    expect(code).toBe(ACCESS_LOST_CLOSE)
    expect(messages.find((m) => m.type === 'error' && m.sessionId === 'second')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    expect(messages.some((m) => m.type === 'opened' && m.sessionId === 'second')).toBe(false)
    // The session already open goes with the page socket.
    await upstreamClosed
    expect(echo.handshakes).toHaveLength(1)
  })
})

describe('team mode: a signed-out session', () => {
  it('closes the page socket (4403) on the next open once its person signed out', async () => {
    const courier = await startCourier({ team: true }, { ann: actor('ann', 'Ann') })
    const echo = await startEchoServer()
    const page = await connectPage(courier, { user: 'ann' })
    page.send(openWebSocket('first', echo.url))
    await page.next('opened')
    expect((await courier.call('POST', '/api/sign-out', {}, 'ann')).status).toBeLessThan(300)
    const closing = once(page.socket, 'close')
    page.send(openWebSocket('second', echo.url))
    const [code] = (await closing) as [number]
    expect(code).toBe(ACCESS_LOST_CLOSE)
    expect(page.messages.find((m) => m.type === 'error' && m.sessionId === 'second')).toMatchObject({
      error: { code: 'UNAUTHORIZED' },
    })
    expect(echo.handshakes).toHaveLength(1)
  })
})
