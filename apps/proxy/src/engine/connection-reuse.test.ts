import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { headerValue, ResponseRecordSchema } from '@courier/shared'
import { describe, expect, it, onTestFinished } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { LOCAL_DESTINATIONS } from './address-policy.js'
import { AllowList } from './allow-list.js'
import { ConnectionPools } from './connection-pools.js'
import { DEFAULT_ENGINE_SETTINGS } from './settings.js'

/** A real server that counts the connections it accepted and says on which one each request came. */
async function countingServer(handler?: (request: IncomingMessage, response: ServerResponse) => void) {
  const sockets: Socket[] = []
  const server = createServer((request, response) => {
    const index = sockets.indexOf(request.socket)
    response.setHeader('X-Connection', String(index))
    if (handler) return handler(request, response)
    response.end(`hello ${request.headers['x-seq'] ?? ''}`)
  })
  server.on('connection', (socket: Socket) => sockets.push(socket))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  onTestFinished(() => closeServer(server))
  const { port } = server.address() as AddressInfo
  return { url: (path = '/') => `http://127.0.0.1:${port}${path}`, sockets }
}

function closeServer(server: Server & { closeAllConnections?: () => void }) {
  server.closeAllConnections?.()
  return new Promise<void>((resolve) => server.close(() => resolve()))
}

function openPools(): ConnectionPools {
  const pools = new ConnectionPools()
  onTestFinished(() => pools.close())
  return pools
}

const POLICY = { allowed: LOCAL_DESTINATIONS, selfPorts: new Set<number>() }

describe('kept-alive connections', () => {
  it('reuses the connection for a second send to the origin, and says so in its timing', async () => {
    const upstream = await countingServer()
    const pools = openPools()
    const first = await engineSend(
      { method: 'GET', url: upstream.url('/a'), headers: [['X-Seq', '1', true]] },
      { connections: pools, policy: POLICY },
    )
    const second = await engineSend(
      { method: 'GET', url: upstream.url('/b'), headers: [['X-Seq', '2', true]] },
      { connections: pools, policy: POLICY },
    )

    expect(upstream.sockets).toHaveLength(1)
    expect(second.body?.inline).toBe('hello 2')
    expect(first.timing.connect).toBeGreaterThanOrEqual(0)
    expect(first.timing.connection).toBeUndefined()
    expect(second.timing.connect).toBeUndefined()
    expect(second.timing.connection).toEqual({ reused: true, openedBy: first.id, connect: first.timing.connect })
    // "Request as sent" is each request's own header block, not the socket's first one.
    expect(headerValue(first.request.headers, 'x-seq')).toBe('1')
    expect(headerValue(second.request.headers, 'x-seq')).toBe('2')
    expect(second.request.remoteAddress).toBe('127.0.0.1')
    expect(ResponseRecordSchema.safeParse(second).error?.issues ?? []).toEqual([])
  })

  it('does not share a connection across TLS verification, link-local opt-in, people or policies', async () => {
    const upstream = await countingServer()
    const pools = openPools()
    const send = (context: Parameters<typeof engineSend>[1]) =>
      engineSend({ method: 'GET', url: upstream.url() }, { connections: pools, policy: POLICY, ...context })

    await send({})
    await send({ defaults: { ...DEFAULT_ENGINE_SETTINGS, verifyTls: false } })
    await send({ defaults: { ...DEFAULT_ENGINE_SETTINGS, allowLinkLocal: true } })
    await send({ connectionOwner: 'ana' })
    await send({ connectionOwner: 'ben' })
    const last = await send({ connectionOwner: 'ben' })

    expect(upstream.sockets).toHaveLength(5)
    expect(last.timing.connection?.reused).toBe(true)
  })

  it('never reuses a connection opened under an earlier policy or allow list', async () => {
    const upstream = await countingServer()
    const pools = openPools()
    const send = (policy: typeof POLICY & { allowList?: AllowList }) =>
      engineSend({ method: 'GET', url: upstream.url() }, { connections: pools, policy })

    await send(POLICY)
    await send({ ...POLICY }) // a new policy object: a changed policy
    await send({ ...POLICY, allowList: AllowList.parse(['127.0.0.1']) })
    await send({ ...POLICY, allowList: AllowList.parse(['127.0.0.1']) })
    expect(upstream.sockets).toHaveLength(4)

    await pools.flush()
    const afterFlush = await send(POLICY)
    expect(upstream.sockets).toHaveLength(5)
    expect(afterFlush.timing.connection).toBeUndefined()
  })

  it('opens and closes a connection of its own when the request or the defaults ask for a fresh one', async () => {
    const upstream = await countingServer()
    const pools = openPools()
    await engineSend({ method: 'GET', url: upstream.url() }, { connections: pools, policy: POLICY })
    const fresh = await engineSend(
      { method: 'GET', url: upstream.url(), settings: { freshConnection: true } },
      { connections: pools, policy: POLICY },
    )
    expect(upstream.sockets).toHaveLength(2)
    expect(fresh.timing.connect).toBeGreaterThanOrEqual(0)
    expect(fresh.timing.connection).toBeUndefined()
    // Closed after the send, not kept.
    if (!upstream.sockets[1]!.closed) await once(upstream.sockets[1]!, 'close')

    const byDefault = await engineSend(
      { method: 'GET', url: upstream.url() },
      { connections: pools, policy: POLICY, defaults: { ...DEFAULT_ENGINE_SETTINGS, freshConnection: true } },
    )
    expect(upstream.sockets).toHaveLength(3)
    expect(byDefault.timing.connection).toBeUndefined()
  })

  it('opens a new connection after the server answered "Connection: close"', async () => {
    const upstream = await countingServer((_request, response) => {
      response.setHeader('Connection', 'close')
      response.end('bye')
    })
    const pools = openPools()
    await engineSend({ method: 'GET', url: upstream.url() }, { connections: pools, policy: POLICY })
    const second = await engineSend({ method: 'GET', url: upstream.url() }, { connections: pools, policy: POLICY })
    expect(second.status).toBe(200)
    expect(upstream.sockets).toHaveLength(2)
    expect(second.timing.connection).toBeUndefined()
  })

  it('sends again on a new connection when the server closed the kept one as the request arrived', async () => {
    // A raw server: on the first connection it answers once, then hangs up on the next request.
    let connections = 0
    const server = createNetServer((socket) => {
      const index = connections++
      let requests = 0
      socket.on('data', () => {
        requests++
        if (index === 0 && requests > 1) return socket.destroy()
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Connection: ${index}\r\n\r\nok`)
      })
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    onTestFinished(() => closeServer(server))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const pools = openPools()

    await engineSend({ method: 'GET', url }, { connections: pools, policy: POLICY })
    const second = await engineSend({ method: 'GET', url }, { connections: pools, policy: POLICY })
    expect(second.error).toBeNull()
    expect(headerValue(second.headers, 'x-connection')).toBe('1')
    expect(connections).toBe(2)
  })

  it('does not keep a connection whose answer was cut off at the size cap or cancelled', async () => {
    let answering: () => void = () => {}
    let slowOn = -1
    const slowStarted = new Promise<void>((resolve) => (answering = resolve))
    const upstream = await countingServer((request, response) => {
      if (request.url === '/big') return response.end(Buffer.alloc(64 * 1024, 'a'))
      if (request.url === '/slow') {
        response.flushHeaders()
        slowOn = upstream.sockets.indexOf(request.socket)
        response.write('started', () => answering())
        return // never ends: the person cancels
      }
      response.end('small')
    })
    const pools = openPools()
    const send = (path: string, extra: Parameters<typeof engineSend>[1] = {}) =>
      engineSend({ method: 'GET', url: upstream.url(path) }, { connections: pools, policy: POLICY, ...extra })

    const capped = await send('/big', { defaults: { ...DEFAULT_ENGINE_SETTINGS, maxResponseBytes: 1024 } })
    expect(capped.error?.code).toBe('RESPONSE_TOO_LARGE')
    const afterCap = await send('/small', { defaults: { ...DEFAULT_ENGINE_SETTINGS, maxResponseBytes: 1024 } })
    expect(afterCap.timing.connection).toBeUndefined()
    expect(headerValue(afterCap.headers, 'x-connection')).not.toBe(headerValue(capped.headers, 'x-connection'))

    const controller = new AbortController()
    const slow = send('/slow', { signal: controller.signal })
    // Cancelled mid-body, on the connection the send after the cap opened (kept, so reused).
    await slowStarted
    controller.abort()
    const cancelled = await slow
    expect(cancelled.error?.code).toBe('ABORTED')
    const afterCancel = await send('/small')
    expect(afterCancel.body?.inline).toBe('small')
    expect(afterCancel.timing.connection).toBeUndefined()
    expect(headerValue(afterCancel.headers, 'x-connection')).not.toBe(String(slowOn))
  })
})
