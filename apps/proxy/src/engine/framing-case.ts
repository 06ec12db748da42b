import type { Socket } from 'node:net'

/** A request head as undici writes it: the request line first (a chunk-size line starts with CRLF or a digit). */
const REQUEST_HEAD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP\/1\.1\r\n/
/** Header lines undici writes itself, in lower case; the person's own header names go out as typed. */
const ENGINE_LINES = /\r\n(host|connection|content-length|transfer-encoding):/g
const CANONICAL: Record<string, string> = {
  host: 'Host',
  connection: 'Connection',
  'content-length': 'Content-Length',
  'transfer-encoding': 'Transfer-Encoding',
}

/**
 * A request head with the framing headers undici writes (host, connection, content-length,
 * transfer-encoding) spelt as curl, browsers, Node's http and Postman spell them (Host,
 * Content-Length …). Same length, so byte counts do not change; anything else passes unchanged.
 */
export function canonicalFramingCase(text: string): string {
  if (!REQUEST_HEAD.test(text)) return text
  return text.replace(ENGINE_LINES, (_line, name: string) => `\r\n${CANONICAL[name]}:`)
}

/** Makes every request head written on `socket` go out with canonicalFramingCase. */
export function writeFramingCaseOn(socket: Socket): void {
  const write = socket.write
  socket.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? canonicalFramingCase(chunk) : chunk
    return (write as (...args: unknown[]) => boolean).call(this, text, ...rest)
  } as Socket['write']
}
