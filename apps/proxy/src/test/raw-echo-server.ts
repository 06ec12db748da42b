import type { ReceivedRequest } from './upstream.js'
import { startRawUpstream } from './upstream.js'
import { readRawRequests } from './raw-http-reader.js'

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
 * /redirect-to, /cookies/set) and records every request as its bytes arrived (raw-http-reader.ts). Raw TCP, so any method
 * token (PURGE, POSTMAN) and a body on GET/HEAD reach it; several requests per kept-alive connection.
 */
export async function startRawEchoServer() {
  const received: ReceivedRequest[] = []
  const upstream = await startRawUpstream((socket) => {
    readRawRequests(socket, ({ method, target, headers, body }) => {
      const request = { method, url: target, headers, body }
      received.push(request)
      socket.write(answer(request))
    })
  })
  return { ...upstream, received }
}
