import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'

export type ReceivedRequest = {
  method: string
  url: string
  /** Raw header lines as received, in order. */
  headers: [string, string][]
  body: Buffer
}

export type Upstream = {
  url: (path?: string) => string
  port: number
  received: ReceivedRequest[]
  close: () => Promise<void>
}

type Handler = (request: IncomingMessage & { body: Buffer }, response: ServerResponse) => unknown

/** A real HTTP server on 127.0.0.1 that records what it received; closed when the test ends. */
export async function startUpstream(handler: Handler): Promise<Upstream> {
  const received: ReceivedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const headers: [string, string][] = []
    for (let i = 0; i < request.rawHeaders.length; i += 2)
      headers.push([request.rawHeaders[i]!, request.rawHeaders[i + 1]!])
    received.push({ method: request.method!, url: request.url!, headers, body })
    try {
      await handler(Object.assign(request, { body }), response)
    } catch (error) {
      response.statusCode = 500
      response.end(String(error))
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  onTestFinished(close)
  return { url: (path = '/') => `http://127.0.0.1:${port}${path}`, port, received, close }
}

/** A raw TCP server for upstreams that misbehave below HTTP (lies, silence, resets). */
export async function startRawUpstream(onSocket: (socket: Socket) => void): Promise<Upstream> {
  const sockets = new Set<Socket>()
  const server = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    onSocket(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  onTestFinished(close)
  return { url: (path = '/') => `http://127.0.0.1:${port}${path}`, port, received: [], close }
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
