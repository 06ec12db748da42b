import type { ReceivedRequest } from './upstream.js'
import { startRawUpstream } from './upstream.js'

/** The body of one HTTP/1.1 message in `buffer` from `start`: by Content-Length, or chunked; null until it is all there. */
function messageBody(buffer: Buffer, start: number, headers: [string, string][]): { body: Buffer; end: number } | null {
  const header = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1]
  if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    const chunks: Buffer[] = []
    let at = start
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at)
      if (lineEnd < 0) return null
      const size = parseInt(buffer.subarray(at, lineEnd).toString('latin1'), 16)
      if (buffer.length < lineEnd + 2 + size + 2) return null
      if (size === 0) return { body: Buffer.concat(chunks), end: lineEnd + 4 }
      chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size))
      at = lineEnd + 2 + size + 2
    }
  }
  const length = Number(header('content-length') ?? 0)
  return buffer.length < start + length ? null : { body: buffer.subarray(start, start + length), end: start + length }
}

/** What postman-echo.com answers, closely enough for collections written against it. */
function answer(request: ReceivedRequest): string {
  const url = new URL(request.url, 'http://echo.local')
  const headers = Object.fromEntries(request.headers.map(([n, v]) => [n.toLowerCase(), v]))
  const status = /^\/status\/(\d{3})$/.exec(url.pathname)?.[1]
  const redirect = /^\/redirect-to$/.test(url.pathname) ? url.searchParams.get('url') : null
  const hops = /^\/(?:redirect\/)?(\d+)$/.exec(url.pathname)?.[1]
  let setCookie: string[] = []
  let location: string | null = redirect ?? (hops && Number(hops) > 1 ? `/${Number(hops) - 1}` : null)
  if (url.pathname === '/cookies/set') {
    setCookie = [...url.searchParams].map(([k, v]) => `${k}=${v}; Path=/`)
    location = '/cookies'
  }
  const text = request.body.toString('utf8')
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    /* not JSON */
  }
  const cookies = Object.fromEntries(
    (headers.cookie ?? '')
      .split(/;\s*/)
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  )
  const payload = JSON.stringify(
    url.pathname === '/cookies'
      ? { cookies }
      : {
          args: Object.fromEntries(url.searchParams),
          data: json === null ? text : '',
          files: {},
          form: /x-www-form-urlencoded/.test(headers['content-type'] ?? '')
            ? Object.fromEntries(new URLSearchParams(text))
            : {},
          headers,
          json,
          method: request.method,
          url: `http://${headers.host ?? 'echo.local'}${request.url}`,
        },
  )
  const code = location ? 302 : Number(status ?? 200)
  const lines = [
    `HTTP/1.1 ${code} ${code === 302 ? 'Found' : 'OK'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(request.method === 'HEAD' ? '' : payload)}`,
    ...(location ? [`Location: ${location}`] : []),
    ...setCookie.map((c) => `Set-Cookie: ${c}`),
  ]
  return `${lines.join('\r\n')}\r\n\r\n${request.method === 'HEAD' ? '' : payload}`
}

/**
 * A server on 127.0.0.1 that answers as postman-echo.com does (echoed args, headers, body; /status/N,
 * /redirect-to, /cookies/set) and records every request as its bytes arrived. Raw TCP, so any method
 * token (PURGE, POSTMAN) and a body on GET/HEAD reach it; several requests per kept-alive connection.
 */
export async function startRawEchoServer() {
  const received: ReceivedRequest[] = []
  const upstream = await startRawUpstream((socket) => {
    let buffer = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      // A TLS ClientHello (an https:// URL the rewrite could not reach): refused at once, as a closed port would be.
      if (buffer[0] === 0x16) return socket.destroy()
      for (;;) {
        const head = buffer.indexOf('\r\n\r\n')
        if (head < 0) return
        const [line, ...rest] = buffer.subarray(0, head).toString('latin1').split('\r\n')
        const headers = rest.map((h): [string, string] => [
          h.slice(0, h.indexOf(':')),
          h.slice(h.indexOf(':') + 1).trim(),
        ])
        const message = messageBody(buffer, head + 4, headers)
        if (!message) return
        const [method, url] = line!.split(' ') as [string, string]
        const request = { method, url, headers, body: message.body }
        received.push(request)
        buffer = buffer.subarray(message.end)
        socket.write(answer(request))
      }
    })
  })
  return { ...upstream, received }
}
