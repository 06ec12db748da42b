import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  REALTIME_PATH,
  TOKEN_HEADER,
  type RealtimeClientMessage,
  type RealtimeServerMessage,
  type SendInput,
} from '@courier/shared'
import { onTestFinished } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import type { AppConfig } from '../config.js'
import { TEST_TOKEN } from './build-test-app.js'
import { startLiveServer, type LiveServer } from './live-server.js'

/** A page's realtime socket on a real Courier: every message it got, and a way to await the next one. */
export type PageClient = {
  socket: WebSocket
  messages: RealtimeServerMessage[]
  send(message: RealtimeClientMessage | Record<string, unknown>): void
  /** The first message (from `from` on) that matches; waits for it to arrive. */
  next<T extends RealtimeServerMessage['type']>(
    type: T,
    match?: (message: Extract<RealtimeServerMessage, { type: T }>) => boolean,
  ): Promise<Extract<RealtimeServerMessage, { type: T }>>
  /** Every frame of a session received so far, in order. */
  frames(sessionId: string): Extract<RealtimeServerMessage, { type: 'frames' }>['frames']
}

export async function startCourier(
  overrides: Partial<AppConfig> = {},
  actors: Parameters<typeof startLiveServer>[1] = {},
): Promise<LiveServer> {
  return startLiveServer(overrides, actors)
}

export function realtimeUrl(server: LiveServer): string {
  return `${server.origin.replace(/^http/, 'ws')}${REALTIME_PATH}`
}

/** The upgrade refused: its HTTP status and body. */
export function refusedUpgrade(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.on('unexpected-response', (request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      response.on('end', () => {
        request.destroy()
        resolve({ status: response.statusCode ?? 0, body })
      })
    })
    socket.on('open', () => reject(new Error('the upgrade was accepted')))
    socket.on('error', () => {})
  })
}

/** Connects as Courier's page (its Origin, the in-process secret); with `hello`, says hello and awaits ready. */
export async function connectPage(
  server: LiveServer,
  options: { hello?: boolean; user?: string } = {},
): Promise<PageClient> {
  // A team person's page: their session cookie on the upgrade, their CSRF token as hello.
  const signedIn = options.user === undefined ? undefined : server.headers(options.user)
  const token = signedIn ? signedIn[TOKEN_HEADER]! : TEST_TOKEN
  const socket = new WebSocket(realtimeUrl(server), {
    headers: signedIn
      ? { origin: server.origin, cookie: signedIn.cookie! }
      : { origin: server.origin, [TOKEN_HEADER]: TEST_TOKEN },
  })
  onTestFinished(() => socket.terminate())
  const messages: RealtimeServerMessage[] = []
  const waiters = new Set<() => void>()
  socket.on('message', (raw: Buffer) => {
    messages.push(JSON.parse(raw.toString('utf8')) as RealtimeServerMessage)
    for (const wake of [...waiters]) wake()
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  const client: PageClient = {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    next: (type, match) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const found = messages.find(
            (m) => m.type === type && (!match || match(m as Extract<RealtimeServerMessage, { type: typeof type }>)),
          )
          if (found) {
            waiters.delete(look)
            socket.off('close', closed)
            resolve(found as Extract<RealtimeServerMessage, { type: typeof type }>)
          }
        }
        const closed = () => {
          waiters.delete(look)
          reject(new Error(`the page socket closed before a ${type} message; got ${JSON.stringify(messages)}`))
        }
        waiters.add(look)
        socket.once('close', closed)
        look()
      }),
    frames: (sessionId) => messages.flatMap((m) => (m.type === 'frames' && m.sessionId === sessionId ? m.frames : [])),
  }
  if (options.hello ?? true) {
    client.send({ type: 'hello', token })
    await client.next('ready')
  }
  return client
}

/**
 * A `ws` echo server: text and binary echoed, `ping-me` answered with a ping, `burst N` with N frames,
 * `close` with 4000; a handshake to a path with `set-cookie` in it answers with a Set-Cookie.
 */
export async function startEchoServer(
  options: { protocols?: string[]; refuse?: number } = {},
): Promise<{ url: string; port: number; handshakes: IncomingHttpHeaders[]; server: WebSocketServer }> {
  const handshakes: IncomingHttpHeaders[] = []
  const server = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: (offered) => options.protocols?.find((p) => offered.has(p)) ?? false,
    verifyClient: (info, done) => {
      handshakes.push(info.req.headers)
      if (options.refuse) done(false, options.refuse, 'Unauthorized', { 'www-authenticate': 'Bearer' })
      else done(true)
    },
  })
  server.on('headers', (headers, request) => {
    if (request.url?.includes('set-cookie')) headers.push('Set-Cookie: ws_session=from-handshake; Path=/')
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate()
        server.close(() => resolve())
      }),
  )
  server.on('connection', (socket) => {
    socket.on('message', (data: Buffer, isBinary) => {
      const text = data.toString('utf8')
      if (!isBinary && text === 'ping-me') return socket.ping('hi')
      if (!isBinary && text === 'close') return socket.close(4000, 'asked to')
      if (!isBinary && text.startsWith('burst ')) {
        const count = Number(text.slice(6))
        for (let i = 1; i <= count; i++) socket.send(`frame ${i}`)
        return
      }
      socket.send(data, { binary: isBinary })
    })
  })
  const port = (server.address() as AddressInfo).port
  return { url: `ws://127.0.0.1:${port}`, port, handshakes, server }
}

/** An `open` message for a WebSocket session to `url`. */
export function openWebSocket(
  sessionId: string,
  url: string,
  request: Partial<SendInput['request']> = {},
  extra: Partial<Omit<SendInput, 'request'>> = {},
): RealtimeClientMessage {
  return {
    type: 'open',
    sessionId,
    input: {
      request: { method: 'GET', url, realtime: { kind: 'websocket' }, ...request },
      ...extra,
    } as never,
  }
}
