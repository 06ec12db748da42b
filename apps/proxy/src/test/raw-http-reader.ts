import type { Socket } from 'node:net'

export type RawRequest = {
  method: string
  /** The request-target exactly as written on the request line. */
  target: string
  /** Header lines as received, in order. */
  headers: [string, string][]
  body: Buffer
}

/** The body of one HTTP/1.1 message in `buffer` from `start`: by Content-Length, or chunked (extensions allowed); null until it is all there. */
function messageBody(buffer: Buffer, start: number, headers: [string, string][]): { body: Buffer; end: number } | null {
  const header = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1]
  if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    const chunks: Buffer[] = []
    let at = start
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at)
      if (lineEnd < 0) return null
      const size = parseInt(buffer.subarray(at, lineEnd).toString('latin1').split(';')[0]!, 16)
      if (Number.isNaN(size)) return { body: Buffer.concat(chunks), end: buffer.length }
      if (buffer.length < lineEnd + 2 + size + 2) return null
      if (size === 0) return { body: Buffer.concat(chunks), end: lineEnd + 4 }
      chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size))
      at = lineEnd + 2 + size + 2
    }
  }
  const length = Number(header('content-length') ?? 0)
  return buffer.length < start + length ? null : { body: buffer.subarray(start, start + length), end: start + length }
}

/**
 * Reads HTTP/1.1 requests off a raw socket byte for byte — any method token, the request-target as
 * written, header lines in order, Content-Length or chunked bodies, `Expect: 100-continue` answered —
 * and hands each to `onRequest` with the socket to answer on. Several requests per connection; a TLS
 * ClientHello is refused at once, as a closed port would be. Node's own parser would refuse a method
 * such as `wHat` or a body on HEAD, which curl and newman send as written.
 */
export function readRawRequests(socket: Socket, onRequest: (request: RawRequest, socket: Socket) => void): void {
  let buffer = Buffer.alloc(0)
  let continued = false
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk])
    if (buffer[0] === 0x16) return socket.destroy()
    for (;;) {
      const head = buffer.indexOf('\r\n\r\n')
      if (head < 0) return
      const [line = '', ...rest] = buffer.subarray(0, head).toString('latin1').split('\r\n')
      const headers = rest.map((h): [string, string] => [
        h.slice(0, h.indexOf(':')),
        h.slice(h.indexOf(':') + 1).trim(),
      ])
      const expect = headers.find(([n]) => n.toLowerCase() === 'expect')?.[1]
      if (!continued && expect?.toLowerCase() === '100-continue') {
        continued = true
        socket.write('HTTP/1.1 100 Continue\r\n\r\n')
      }
      const message = messageBody(buffer, head + 4, headers)
      if (!message) return
      const [method = '', target = ''] = line.split(' ')
      buffer = buffer.subarray(message.end)
      continued = false
      onRequest({ method, target, headers, body: message.body }, socket)
    }
  })
}
