import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { describe, expect, it, onTestFinished } from 'vitest'
import { connectPage, startCourier } from '../test/realtime-kit.js'
import { MAX_INCOMING_FRAME_BYTES } from './ws-options.js'

/** A Socket.IO server: `echo` acknowledged with its args, `shout` broadcast to the room as `news`; an /admin namespace. */
async function startSocketIoServer(options: { transports?: ('polling' | 'websocket')[] } = {}) {
  const http = createServer()
  const io = new Server(http, { path: '/rt', ...(options.transports ? { transports: options.transports } : {}) })
  const handshakes: { headers: IncomingHttpHeaders; auth: unknown; namespace: string }[] = []
  const onConnection = (namespace: string) => (socket: import('socket.io').Socket) => {
    handshakes.push({ headers: socket.handshake.headers, auth: socket.handshake.auth, namespace })
    socket.emit('welcome', { id: socket.id }, 2)
    socket.on('echo', (...args: unknown[]) => {
      const ack = args.pop() as (...answer: unknown[]) => void
      ack('got', ...args)
    })
    socket.on('silent', () => {})
    socket.on('flood', (size: number) => socket.emit('big', 'a'.repeat(size)))
    socket.on('shout', (text: string) => io.of(namespace).emit('news', text.toUpperCase()))
  }
  io.on('connection', onConnection('/'))
  io.of('/admin').on('connection', onConnection('/admin'))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => void io.close(() => resolve())))
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, handshakes, io }
}

const openSocketIo = (sessionId: string, url: string, realtime: Record<string, unknown> = {}, extra = {}) => ({
  type: 'open' as const,
  sessionId,
  input: {
    request: { method: 'GET', url, realtime: { kind: 'socketio', socketioPath: '/rt', ...realtime }, ...extra },
  },
})

describe('Socket.IO sessions through Courier', () => {
  it('connects with headers and auth, emits events with arguments, gets acknowledgements and broadcasts', async () => {
    const courier = await startCourier()
    const server = await startSocketIoServer()
    const page = await connectPage(courier)
    page.send(
      openSocketIo(
        'io',
        server.url,
        {},
        {
          headers: [['X-Team', 'blue', true]],
          auth: { type: 'bearer', token: 'io-token-7' },
        },
      ),
    )
    const opened = await page.next('opened')
    expect(opened.handshake.remoteAddress).toBe('127.0.0.1')
    expect(server.handshakes[0]!.headers['x-team']).toBe('blue')
    expect(server.handshakes[0]!.headers.authorization).toBe('Bearer io-token-7')
    expect(server.handshakes[0]!.auth).toEqual({ token: 'io-token-7' })
    await expect
      .poll(() => page.frames('io').find((f) => f.type === 'event' && f.dir === 'in'))
      .toMatchObject({ event: 'welcome', data: expect.stringMatching(/^\[\{"id":".+"\},2\]$/) })

    page.send({ type: 'send', sessionId: 'io', format: 'json', data: '["a", {"b": 1}]', event: 'echo', ack: true })
    await expect
      .poll(() => page.frames('io').find((f) => f.type === 'ack'))
      .toMatchObject({ dir: 'in', event: 'echo', data: '["got","a",{"b":1}]' })
    expect(page.frames('io').find((f) => f.dir === 'out')).toMatchObject({
      type: 'event',
      event: 'echo',
      data: '["a",{"b":1}]',
    })

    page.send({ type: 'send', sessionId: 'io', format: 'text', data: 'hi all', event: 'shout' })
    await expect
      .poll(() => page.frames('io').find((f) => f.event === 'news'))
      .toMatchObject({ dir: 'in', type: 'event', data: '["HI ALL"]' })

    page.send({ type: 'send', sessionId: 'io', format: 'text', data: 'x' })
    expect((await page.next('error', (m) => m.sessionId === 'io')).error.message).toMatch(/Name the event/)

    page.send({ type: 'close', sessionId: 'io' })
    const closed = await page.next('closed')
    expect(closed.historyId).toBeTruthy()
  })

  it('listens only to the named events, in the chosen namespace', async () => {
    const courier = await startCourier()
    const server = await startSocketIoServer()
    const page = await connectPage(courier)
    page.send(openSocketIo('ns', server.url, { namespace: '/admin', listen: ['news'] }))
    await page.next('opened')
    await expect.poll(() => server.handshakes.map((h) => h.namespace)).toEqual(['/admin'])
    page.send({ type: 'send', sessionId: 'ns', format: 'json', data: '["quiet"]', event: 'shout' })
    await expect
      .poll(() =>
        page
          .frames('ns')
          .filter((f) => f.dir === 'in')
          .map((f) => f.event),
      )
      .toEqual(['news'])
  })

  it('reports a connection the server refuses', async () => {
    const courier = await startCourier()
    const server = await startSocketIoServer()
    server.io.of('/').use((_socket, next) => next(new Error('not allowed in')))
    const page = await connectPage(courier)
    page.send(openSocketIo('no', server.url))
    const error = await page.next('error', (m) => m.sessionId === 'no')
    expect(error.error.message).toContain('not allowed in')
    await page.next('closed', (m) => m.sessionId === 'no')
  })

  it('reports an event the server never acknowledges, after the request timeout', async () => {
    const courier = await startCourier()
    const server = await startSocketIoServer()
    const page = await connectPage(courier)
    page.send(openSocketIo('ack', server.url, {}, { settings: { timeoutMs: 300 } }))
    await page.next('opened')
    page.send({ type: 'send', sessionId: 'ack', format: 'json', data: '[1]', event: 'silent', ack: true })
    await expect
      .poll(() => page.frames('ack').find((f) => f.type === 'error'))
      .toMatchObject({ dir: 'info', event: 'silent', data: expect.stringMatching(/No acknowledgement of silent/) })
  })

  it('connects over WebSocket only: a server that allows only polling is refused with a sentence saying so', async () => {
    const courier = await startCourier()
    const server = await startSocketIoServer({ transports: ['polling'] })
    const page = await connectPage(courier)
    page.send(openSocketIo('poll', server.url))
    const error = await page.next('error', (m) => m.sessionId === 'poll')
    expect(error.error.code).toBe('REALTIME_HANDSHAKE_FAILED')
    expect(error.error.message).toMatch(/connects over WebSocket only \(no HTTP long-polling\)/)
    await page.next('closed', (m) => m.sessionId === 'poll')
    expect(server.handshakes).toEqual([])
  })

  it('never follows a redirect from the handshake, so the request’s headers go nowhere else', async () => {
    const elsewhere: IncomingHttpHeaders[] = []
    const target = createServer((request, response) => {
      elsewhere.push(request.headers)
      response.end()
    })
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => target.close(() => resolve())))
    const asked: string[] = []
    const redirecting = createServer((request, response) => {
      asked.push(request.url ?? '')
      response.writeHead(302, { Location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/rt/` })
      response.end()
    })
    redirecting.on('upgrade', (request, socket) => {
      asked.push(request.url ?? '')
      socket.end(
        `HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:${(target.address() as AddressInfo).port}/rt/\r\nContent-Length: 0\r\n\r\n`,
      )
    })
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => redirecting.close(() => resolve())))
    const courier = await startCourier()
    const page = await connectPage(courier)
    page.send(
      openSocketIo(
        'redir',
        `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
        {},
        {
          headers: [['Cookie', 'sid=secret-cookie', true]],
          auth: { type: 'bearer', token: 'io-secret' },
        },
      ),
    )
    const error = await page.next('error', (m) => m.sessionId === 'redir')
    expect(error.error.message).toContain('HTTP 302')
    await page.next('closed', (m) => m.sessionId === 'redir')
    expect(asked).toHaveLength(1)
    expect(asked[0]).toContain('transport=websocket')
    expect(elsewhere).toEqual([])
  })

  it('shows the handshake answer and keeps its Set-Cookie in the jar', async () => {
    const courier = await startCourier()
    const server = await startSocketIoServer()
    server.io.engine.on('headers', (headers: Record<string, string>) => {
      headers['Set-Cookie'] = 'io_session=from-handshake; Path=/'
    })
    const page = await connectPage(courier)
    page.send(openSocketIo('jar', server.url))
    const opened = await page.next('opened')
    expect(opened.handshake.status).toBe(101)
    expect(opened.handshake.responseHeaders).toContainEqual(['Set-Cookie', 'io_session=from-handshake; Path=/'])
    page.send({ type: 'close', sessionId: 'jar' })
    await page.next('closed', (m) => m.sessionId === 'jar')
    page.send(openSocketIo('jar2', server.url))
    await page.next('opened', (m) => m.sessionId === 'jar2')
    await expect.poll(() => server.handshakes.length).toBe(2)
    expect(server.handshakes[1]!.headers.cookie).toContain('io_session=from-handshake')
  })

  it('closes with 1009 when the server sends a frame past the 16 MiB limit', async () => {
    const courier = await startCourier()
    const server = await startSocketIoServer()
    const page = await connectPage(courier)
    page.send(openSocketIo('big', server.url))
    await page.next('opened')
    page.send({
      type: 'send',
      sessionId: 'big',
      format: 'json',
      data: String(MAX_INCOMING_FRAME_BYTES),
      event: 'flood',
    })
    const closed = await page.next('closed', (m) => m.sessionId === 'big')
    expect(closed.code).toBe(1009)
    expect(page.frames('big').find((f) => f.type === 'error')?.data).toMatch(/larger than the 16 MiB size limit/)
    expect(page.frames('big').some((f) => f.event === 'big')).toBe(false)
  })
})
