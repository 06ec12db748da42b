import { FRAMES_CONTENT_TYPE, REDACTED, type Frame, type HistoryEntry } from '@courier/shared'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { WebSocketServer } from 'ws'
import { connectPage, openWebSocket, startCourier, startEchoServer } from '../test/realtime-kit.js'
import { MAX_INCOMING_FRAME_BYTES } from './ws-options.js'

/** Bytes waiting in Courier's end of the page sockets (what back-pressure looks at). */
function courierBuffered(courier: Awaited<ReturnType<typeof startCourier>>): number {
  const server = (courier.fastify as unknown as { websocketServer: { clients: Set<{ bufferedAmount: number }> } })
    .websocketServer
  return [...server.clients].reduce((sum, client) => sum + client.bufferedAmount, 0)
}

const texts = (frames: Frame[], dir: Frame['dir']) =>
  frames.filter((f) => f.dir === dir && (f.type === 'text' || f.type === 'binary')).map((f) => f.data)

describe('WebSocket sessions through Courier', () => {
  it('echoes text and binary frames both ways, shows pings and pongs, and the close code', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer({ protocols: ['chat.v2'] })
    const page = await connectPage(courier)
    page.send(
      openWebSocket('s1', echo.url, { realtime: { kind: 'websocket', subprotocols: ['chat.v1', 'chat.v2'] } } as never),
    )
    const opened = await page.next('opened')
    expect(opened.handshake).toMatchObject({ status: 101, protocol: 'chat.v2', remoteAddress: '127.0.0.1' })
    expect(opened.handshake.url).toBe(`${echo.url}/`)

    page.send({ type: 'send', sessionId: 's1', format: 'text', data: 'hello' })
    page.send({ type: 'send', sessionId: 's1', format: 'json', data: '{"a":1}' })
    page.send({ type: 'send', sessionId: 's1', format: 'binary', data: Buffer.from([0, 1, 2, 255]).toString('base64') })
    page.send({ type: 'send', sessionId: 's1', format: 'text', data: 'ping-me' })
    page.send({ type: 'ping', sessionId: 's1' })
    await expect.poll(() => page.frames('s1').filter((f) => f.type === 'pong' && f.dir === 'in').length).toBe(1)
    await expect.poll(() => page.frames('s1').some((f) => f.type === 'ping' && f.dir === 'in')).toBe(true)
    await expect.poll(() => texts(page.frames('s1'), 'in').length).toBe(3)

    const frames = page.frames('s1')
    expect(texts(frames, 'out')).toEqual(['hello', '{"a":1}', 'AAEC/w==', 'ping-me'])
    expect(texts(frames, 'in')).toEqual(['hello', '{"a":1}', 'AAEC/w=='])
    expect(frames.find((f) => f.type === 'binary' && f.dir === 'in')).toMatchObject({ encoding: 'base64', size: 4 })
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_f, i) => i + 1))
    expect(frames.find((f) => f.type === 'ping' && f.dir === 'in')?.data).toBe('hi')

    page.send({ type: 'send', sessionId: 's1', format: 'json', data: '{nope' })
    const bad = await page.next('error', (m) => m.sessionId === 's1')
    expect(bad.error.code).toBe('REALTIME_MESSAGE_INVALID')
    expect(bad.error.message).toMatch(/not valid JSON/)

    page.send({ type: 'send', sessionId: 's1', format: 'text', data: 'close' })
    const closed = await page.next('closed')
    expect(closed).toMatchObject({ sessionId: 's1', code: 4000, reason: 'asked to', droppedFrames: 0 })
    expect(page.frames('s1').at(-1)).toMatchObject({ type: 'close', code: 4000, reason: 'asked to' })
  })

  it('resolves variables and auth, keeps the session in history with its frames, secrets masked', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const env = await courier.call('POST', '/api/environments', {
      name: 'Dev',
      variables: [
        { name: 'host', value: `127.0.0.1:${echo.port}` },
        { name: 'token', value: 'sekrit-token-42', secret: true },
      ],
    })
    const environmentId = (env.json as { id: string }).id
    const page = await connectPage(courier)
    page.send(
      openWebSocket('s2', 'ws://{{host}}/feed?room=blue', { auth: { type: 'bearer', token: '{{token}}' } } as never, {
        environmentId,
      }),
    )
    await page.next('opened')
    expect(echo.handshakes[0]!.authorization).toBe('Bearer sekrit-token-42')
    page.send({ type: 'send', sessionId: 's2', format: 'text', data: 'my token is sekrit-token-42' })
    page.send({ type: 'send', sessionId: 's2', format: 'json', data: '{"t":"{{token}}","h":"{{host}}"}' })
    await expect
      .poll(() => texts(page.frames('s2'), 'in'))
      .toEqual(['my token is sekrit-token-42', `{"t":"sekrit-token-42","h":"127.0.0.1:${echo.port}"}`])
    // What Courier sent shows the secret variable as typed; the echo is shown as received.
    expect(texts(page.frames('s2'), 'out')[1]).toBe(`{"t":"{{token}}","h":"127.0.0.1:${echo.port}"}`)
    page.send({ type: 'close', sessionId: 's2', code: 1000, reason: 'done' })
    const closed = await page.next('closed')
    expect(closed.code).toBe(1000)
    expect(closed.historyId).toBeTruthy()

    const entry = (await courier.call('GET', `/api/history/${closed.historyId}`)).json as HistoryEntry
    expect(entry.request.realtime?.kind).toBe('websocket')
    expect(entry.url).toBe(`ws://127.0.0.1:${echo.port}/feed?room=blue`)
    expect(entry.status).toBe(101)
    expect(entry.method).toBe('WS')
    const listed = (await courier.call('GET', '/api/history')).json as {
      items: { id: string; realtimeKind?: string }[]
    }
    expect(listed.items.find((item) => item.id === closed.historyId)?.realtimeKind).toBe('websocket')
    expect(entry.response.body?.contentType).toBe(FRAMES_CONTENT_TYPE)
    expect(JSON.stringify(entry)).not.toContain('sekrit-token-42')
    const authorization = entry.response.request.headers.find(([n]) => n.toLowerCase() === 'authorization')
    expect(authorization?.[1]).toMatch(/\{\{token\}\}|•/)

    const body = await fetch(`${courier.origin}/api/responses/${closed.historyId}/body`, { headers: courier.headers() })
    expect(body.status).toBe(200)
    const text = await body.text()
    expect(text).not.toContain('sekrit-token-42')
    const stored = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Frame)
    expect(
      stored
        .filter((f) => f.type === 'text')
        .map((f) => f.data)
        .sort(),
    ).toEqual([
      'my token is {{token}}',
      'my token is {{token}}',
      `{"t":"{{token}}","h":"127.0.0.1:${echo.port}"}`,
      `{"t":"{{token}}","h":"127.0.0.1:${echo.port}"}`,
    ])
    expect(stored.map((f) => f.seq)).toEqual(page.frames('s2').map((f) => f.seq))
    void REDACTED
  })

  it('keeps at most the frame cap, counts the rest, and truncates large frames', async () => {
    const courier = await startCourier()
    const settings = (await courier.call('GET', '/api/settings')).json as Record<string, unknown>
    await courier.call('PUT', '/api/settings', {
      ...settings,
      realtime: { maxFrames: 100, maxFramePreviewBytes: 1024 },
    })
    const echo = await startEchoServer()
    const page = await connectPage(courier)
    page.send(openWebSocket('cap', echo.url))
    await page.next('opened')
    page.send({ type: 'send', sessionId: 'cap', format: 'text', data: 'x'.repeat(3000) })
    await expect.poll(() => texts(page.frames('cap'), 'in').length).toBe(1)
    const big = page.frames('cap').find((f) => f.dir === 'in' && f.type === 'text')!
    expect(big).toMatchObject({ truncated: true, size: 3000 })
    expect(big.data).toHaveLength(1024)
    page.send({ type: 'send', sessionId: 'cap', format: 'text', data: 'burst 150' })
    await expect.poll(() => page.frames('cap').length).toBe(100)
    page.send({ type: 'close', sessionId: 'cap' })
    const closed = await page.next('closed')
    expect(closed.droppedFrames).toBeGreaterThan(50)
    expect(page.frames('cap')).toHaveLength(100)
    const batches = page.messages.filter((m) => m.type === 'frames' && m.sessionId === 'cap')
    expect(batches.length).toBeLessThan(100)
  })

  it('closes the session with 1009 when the server sends a frame past the 16 MiB limit', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
    server.on('connection', (socket) => {
      socket.on('error', () => {})
      socket.on('message', () => socket.send(Buffer.alloc(MAX_INCOMING_FRAME_BYTES + 1, 0x61), { binary: false }))
    })
    const courier = await startCourier()
    const page = await connectPage(courier)
    page.send(openWebSocket('big', `ws://127.0.0.1:${(server.address() as AddressInfo).port}`))
    await page.next('opened')
    page.send({ type: 'send', sessionId: 'big', format: 'text', data: 'send me a lot' })
    const closed = await page.next('closed', (m) => m.sessionId === 'big')
    expect(closed.code).toBe(1009)
    const error = page.frames('big').find((f) => f.type === 'error')
    expect(error?.data).toMatch(/larger than the 16 MiB size limit/)
    expect(page.frames('big').some((f) => f.dir === 'in' && f.type === 'text')).toBe(false)
  })

  it.each([
    [['chat v1'], /"chat v1" is not valid/],
    [['a,b'], /"a,b" is not valid/],
    [['chat', 'chat'], /"chat" is listed twice/],
  ])('refuses the subprotocols %j before connecting, naming the one', async (subprotocols, sentence) => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const page = await connectPage(courier)
    page.send(openWebSocket('sp', echo.url, { realtime: { kind: 'websocket', subprotocols } } as never))
    const error = await page.next('error', (m) => m.sessionId === 'sp')
    expect(error.error.code).toBe('INVALID_REQUEST')
    expect(error.error.message).toMatch(sentence)
    expect(echo.handshakes).toEqual([])
  })

  it('reports a refused handshake with its status, headers and body', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer({ refuse: 401 })
    const page = await connectPage(courier)
    page.send(openWebSocket('r', echo.url))
    const error = await page.next('error', (m) => m.sessionId === 'r')
    expect(error.error.code).toBe('REALTIME_HANDSHAKE_FAILED')
    expect(error.error.message).toContain('401 Unauthorized')
    const closed = await page.next('closed')
    expect(closed.code).toBe(1002)
    const frame = page.frames('r').find((f) => f.type === 'error')!
    const detail = JSON.parse(frame.data) as { status: number; headers: [string, string][]; body: string }
    expect(detail.status).toBe(401)
    expect(detail.headers).toContainEqual(['www-authenticate', 'Bearer'])
    expect(detail.body).toBe('Unauthorized')
    const entry = (await courier.call('GET', `/api/history/${closed.historyId}`)).json as HistoryEntry
    expect(entry).toMatchObject({ status: 401, errorCode: 'REALTIME_HANDSHAKE_FAILED' })
  })

  it('closes every upstream when the page socket goes, and still keeps the session', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const page = await connectPage(courier)
    page.send(openWebSocket('g', echo.url))
    await page.next('opened')
    await expect.poll(() => echo.server.clients.size).toBe(1)
    page.socket.close()
    await expect.poll(() => echo.server.clients.size).toBe(0)
    await expect
      .poll(async () => ((await courier.call('GET', '/api/history')).json as { items: unknown[] }).items.length)
      .toBe(1)
  })

  it("inherits the collection's auth and headers for a saved request, and sends the jar's cookies", async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const created = (await courier.call('POST', '/api/collections', { name: 'Live' })).json as {
      id: string
      version: number
    }
    await courier.call('PATCH', `/api/collections/${created.id}`, {
      version: created.version,
      auth: { type: 'basic', username: 'ann', password: 'pw-inherited' },
      headers: [['X-From', 'collection', true]],
    })
    const request = { method: 'GET', url: echo.url, auth: { type: 'inherit' }, realtime: { kind: 'websocket' } }
    const item = (
      await courier.call('POST', '/api/items', { collectionId: created.id, kind: 'request', name: 'Feed', request })
    ).json as { id: string }
    await courier.call('PUT', '/api/cookies', { domain: '127.0.0.1', name: 'sid', value: 'jar-cookie-1' })
    const page = await connectPage(courier)
    page.send(openWebSocket('saved', echo.url, { auth: { type: 'inherit' } } as never, { itemId: item.id }))
    await page.next('opened')
    expect(echo.handshakes[0]).toMatchObject({
      authorization: `Basic ${Buffer.from('ann:pw-inherited').toString('base64')}`,
      'x-from': 'collection',
      cookie: 'sid=jar-cookie-1',
    })

    // A Set-Cookie on the handshake answer goes into the jar, as a send's does.
    page.send(openWebSocket('jar', `${echo.url}/set-cookie`))
    await page.next('opened', (m) => m.sessionId === 'jar')
    await expect
      .poll(async () => JSON.stringify((await courier.call('GET', '/api/cookies')).json))
      .toContain('from-handshake')
  })

  it('holds frames while the page reads slowly, and delivers every one in order', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const page = await connectPage(courier)
    page.send(openWebSocket('slow', echo.url))
    await page.next('opened')
    // The page stops reading: Courier's socket to it backs up past its high-water mark.
    page.socket.pause()
    echo.server.clients.forEach((client) => {
      const big = 'y'.repeat(16 * 1024)
      for (let i = 0; i < 1000; i++) client.send(`${i} ${big}`)
    })
    await expect.poll(() => courierBuffered(courier), { timeout: 10_000 }).toBeGreaterThan(1024 * 1024)
    page.socket.resume()
    await expect.poll(() => texts(page.frames('slow'), 'in').length, { timeout: 15_000 }).toBe(1000)
    expect(texts(page.frames('slow'), 'in').map((t) => Number(t.split(' ')[0]))).toEqual([...Array(1000).keys()])
  })
})
