import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export type RawRequest = {
  method: string
  /** The request-target exactly as written on the request line. */
  target: string
  /** Header lines as received, in order. */
  headers: [string, string][]
  body: Buffer
}

export type RawEcho = { port: number; received: RawRequest[]; close: () => Promise<void> }

function findHeaderEnd(buffer: Buffer): number {
  return buffer.indexOf('\r\n\r\n')
}

/** Reads a chunked body from `data` (after the head); undefined until it is complete. */
function dechunk(data: Buffer): Buffer | undefined {
  const out: Buffer[] = []
  let at = 0
  for (;;) {
    const line = data.indexOf('\r\n', at)
    if (line === -1) return undefined
    const size = parseInt(data.subarray(at, line).toString('latin1').split(';')[0]!, 16)
    if (Number.isNaN(size)) return Buffer.concat(out)
    if (size === 0) return data.length >= line + 4 ? Buffer.concat(out) : undefined
    if (data.length < line + 2 + size + 2) return undefined
    out.push(data.subarray(line + 2, line + 2 + size))
    at = line + 2 + size + 2
  }
}

/**
 * An HTTP/1.1 server on raw TCP that records every request byte for byte (any method token,
 * the request-target as written, header lines in order, Content-Length or chunked bodies,
 * `Expect: 100-continue` answered) and answers `200 ok` with `Connection: close`. Node's own
 * parser would refuse a method such as `wHat`, which curl sends as written.
 */
export async function startRawEcho(): Promise<RawEcho> {
  const received: RawRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let buffer = Buffer.alloc(0)
    let continued = false
    let done = false
    socket.on('data', (chunk: Buffer) => {
      if (done) return
      buffer = Buffer.concat([buffer, chunk])
      const end = findHeaderEnd(buffer)
      if (end === -1) return
      const lines = buffer.subarray(0, end).toString('latin1').split('\r\n')
      const [method = '', target = ''] = lines[0]!.split(' ')
      const headers = lines.slice(1).map((line): [string, string] => {
        const colon = line.indexOf(':')
        return [line.slice(0, colon), line.slice(colon + 1).trim()]
      })
      const header = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1]
      const rest = buffer.subarray(end + 4)
      if (!continued && header('expect')?.toLowerCase() === '100-continue') {
        continued = true
        socket.write('HTTP/1.1 100 Continue\r\n\r\n')
      }
      let body: Buffer | undefined
      if (header('transfer-encoding')?.toLowerCase().includes('chunked')) body = dechunk(rest)
      else {
        const length = Number(header('content-length') ?? 0)
        body = rest.length >= length ? rest.subarray(0, length) : undefined
      }
      if (!body) return
      done = true
      received.push({ method, target, headers, body })
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  return { port, received, close }
}
