import type { Socket } from 'node:net'

/** A request head as undici writes it: the request line first (a chunk-size line starts with CRLF or a digit). */
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) \S+ HTTP\/1\.1\r\n/
/** Header lines undici writes itself, in lower case; the person's own header names go out as typed. */
const ENGINE_LINES = /\r\n(host|connection|content-length|transfer-encoding):/g
const CANONICAL: Record<string, string> = {
  host: 'Host',
  connection: 'Connection',
  'content-length': 'Content-Length',
  'transfer-encoding': 'Transfer-Encoding',
}

/**
 * Methods that say nothing about their length when they have no body. Any other (POST, PUT,
 * PATCH, a custom token such as POSTMAN) says `Content-Length: 0`, as Node's http, and so
 * Postman and newman, write it; undici writes it only for POST, PUT, PATCH and a few more.
 */
export const NO_LENGTH_WITHOUT_BODY: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
])

/**
 * A request head as curl, browsers, Node's http and Postman write it: the framing headers
 * undici writes (host, connection, content-length, transfer-encoding) spelt Host, Connection,
 * Content-Length …, and a whole head without a body whose method is not in
 * NO_LENGTH_WITHOUT_BODY given `Content-Length: 0`. Anything that is not a request head
 * (body bytes, chunk sizes) passes unchanged.
 */
export function rewriteRequestHead(text: string): string {
  const line = REQUEST_LINE.exec(text)
  if (!line) return text
  const head = text.replace(ENGINE_LINES, (_line, name: string) => `\r\n${CANONICAL[name]}:`)
  const bodiless =
    head.endsWith('\r\n\r\n') &&
    !/\r\n(Content-Length|Transfer-Encoding):/.test(head) &&
    !NO_LENGTH_WITHOUT_BODY.has(line[1]!)
  return bodiless ? `${head.slice(0, -2)}Content-Length: 0\r\n\r\n` : head
}

/** Makes every request head written on `socket` go out as rewriteRequestHead writes it. */
export function writeRequestHeadsOn(socket: Socket): void {
  const write = socket.write
  socket.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    // undici writes each head as one latin1 string; bodies go as Buffers.
    const text = typeof chunk === 'string' && rest[0] === 'latin1' ? rewriteRequestHead(chunk) : chunk
    return (write as (...args: unknown[]) => boolean).call(this, text, ...rest)
  } as Socket['write']
}
