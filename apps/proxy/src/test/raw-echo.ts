import { startRawUpstream } from './upstream.js'
import { readRawRequests, type RawRequest } from './raw-http-reader.js'

export type { RawRequest } from './raw-http-reader.js'
export type RawEcho = { port: number; received: RawRequest[]; close: () => Promise<void> }

/**
 * An HTTP/1.1 server on raw TCP that records every request byte for byte (raw-http-reader.ts) and
 * answers the first one on each connection `200 ok` with `Connection: close`.
 */
export async function startRawEcho(): Promise<RawEcho> {
  const received: RawRequest[] = []
  const upstream = await startRawUpstream((socket) => {
    let done = false
    readRawRequests(socket, (request) => {
      if (done) return
      done = true
      received.push(request)
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok')
    })
  })
  return { port: upstream.port, received, close: upstream.close }
}
