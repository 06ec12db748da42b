// The two local targets newman's own integration collections call (localhost:4041 and :4042 in
// their files), written here from what those collections expect; newman-integration.mjs points the
// collections at the ports these get.
import { createServer as createTcpServer } from 'node:net'
import { createServer as createHttpServer } from 'node:http'

/** Whether `text` holds one whole HTTP/1.1 request (headers, then a Content-Length or chunked body). */
function complete(text) {
  const end = text.indexOf('\r\n\r\n')
  if (end < 0) return false
  const head = text.slice(0, end).toLowerCase()
  const body = text.slice(end + 4)
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head)
  if (length) return Buffer.byteLength(body) >= Number(length[1])
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) return body.endsWith('0\r\n\r\n')
  return true
}

/**
 * Answers 200 with the raw request it got, as text and in a `raw-request` header (JSON string),
 * the body left out for HEAD; then closes. For custom methods and bodies on GET.
 */
export function rawEchoServer() {
  return createTcpServer((socket) => {
    let text = ''
    let answered = false
    const answer = () => {
      if (answered) return
      answered = true
      socket.end(
        'HTTP/1.1 200 ok\r\nconnection: close\r\ncontent-type: text/plain\r\n' +
          `raw-request: ${JSON.stringify(text)}\r\n\r\n${text.startsWith('HEAD ') ? '' : text}`,
      )
    }
    socket.on('data', (chunk) => {
      text += chunk.toString()
      if (complete(text)) answer()
    })
    socket.on('end', answer)
    socket.on('error', () => socket.destroy())
  })
}

/** `/N` redirects N times (302), `/status/NNN` answers NNN with `location: /`, anything else echoes the request as JSON. */
export function redirectServer() {
  return createHttpServer((req, res) => {
    const hops = /^\/(\d+)$/.exec(req.url)
    if (hops) {
      const left = Number(hops[1]) - 1
      res.writeHead(302, { location: left > 0 ? `/${left}` : '/' })
      return res.end()
    }
    const status = /^\/status\/(\d{3})$/.exec(req.url)
    if (status) {
      res.writeHead(Number(status[1]), { location: '/' })
      return res.end()
    }
    let data = ''
    req.on('data', (chunk) => (data += chunk))
    req.once('end', () => {
      res.writeHead(200, { connection: 'close', 'content-type': 'application/json' })
      res.end(JSON.stringify({ url: req.url, method: req.method, headers: req.headers, data }))
    })
  })
}

export async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server.address().port
}
