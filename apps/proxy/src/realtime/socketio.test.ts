import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { describe, expect, it, onTestFinished } from 'vitest'
import { connectPage, startCourier } from '../test/realtime-kit.js'

/** A Socket.IO server: `echo` acknowledged with its args, `shout` broadcast to the room as `news`; an /admin namespace. */
async function startSocketIoServer() {
  const http = createServer()
  const io = new Server(http, { path: '/rt' })
  const handshakes: { headers: IncomingHttpHeaders; auth: unknown; namespace: string }[] = []
  const onConnection = (namespace: string) => (socket: import('socket.io').Socket) => {
    handshakes.push({ headers: socket.handshake.headers, auth: socket.handshake.auth, namespace })
    socket.emit('welcome', { id: socket.id }, 2)
    socket.on('echo', (...args: unknown[]) => {
      const ack = args.pop() as (...answer: unknown[]) => void
      ack('got', ...args)
    })
    socket.on('silent', () => {})
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
})
