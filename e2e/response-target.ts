import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PNG } from './target-server.js'

/** A JSON array of `count` records, each about 100 bytes. */
export function largeJson(targetBytes: number): Buffer {
  const parts: string[] = []
  let size = 2
  for (let i = 0; size < targetBytes - 200; i++) {
    const item = JSON.stringify({
      id: i,
      name: `item ${i}`,
      active: i % 3 === 0,
      tags: ['alpha', 'beta'],
      owner: { login: `user${i % 97}`, score: i * 7 },
    })
    parts.push(item)
    size += item.length + 1
  }
  return Buffer.from(`[${parts.join(',')}]`)
}

/** Bytes with every value 0–255, so any text decoding on the way would show. */
export const BINARY = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + (i >> 8)) & 0xff))

export const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48" rx="8" fill="#4263eb"/><circle cx="32" cy="24" r="12" fill="#fff"/></svg>'

/** HTML whose script would reach into the parent page if the sandbox let it. */
export const HOSTILE_HTML = `<!doctype html><html><head><title>Preview</title></head><body style="font-family:sans-serif">
<h1>Hello from the preview</h1><p id="state">script did not run</p>
<script>
document.getElementById('state').textContent = 'script ran';
try { parent.document.title = 'PWNED'; parent.document.body.dataset.pwned = '1' } catch (e) {}
try { top.location = 'about:blank#pwned' } catch (e) {}
</script></body></html>`

/** A one-page PDF saying "Hello PDF", with a correct cross-reference table. */
export function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 24 Tf 40 60 Td (Hello PDF) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(out.length)
    out += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

export const NESTED = {
  store: {
    name: 'Corner shop',
    books: [
      { title: 'Sayings of the Century', price: 8.95, tags: ['reference'] },
      { title: 'Sword of Honour', price: 12.99, tags: ['fiction'] },
      { title: 'Moby Dick', price: 8.99, tags: ['fiction', 'sea'] },
      { title: 'The Lord of the Rings', price: 22.99, tags: ['fiction', 'fantasy'] },
    ],
    open: true,
    manager: null,
  },
}

/**
 * The upstream for the response-view specs: redirects, cookies, previews, binary bytes,
 * pagination and rate-limit headers, nested and very large JSON.
 */
export class ResponseTarget {
  private server: Server | null = null
  private readonly cache = new Map<number, Buffer>()
  port = 0

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  json(megabytes: number): Buffer {
    let body = this.cache.get(megabytes)
    if (!body) {
      body = largeJson(megabytes * 1000 * 1000)
      this.cache.set(megabytes, body)
    }
    return body
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://target')
      const path = url.pathname
      const hop = /^\/redirect\/(\d+)$/.exec(path)
      if (hop) {
        const n = Number(hop[1])
        response.statusCode = n === 3 ? 301 : 302
        response.setHeader('Set-Cookie', `hop${n}=seen; Path=/; HttpOnly`)
        response.setHeader('Location', n > 1 ? `/redirect/${n - 1}` : '/landing?from=redirects')
        return response.end()
      }
      if (path === '/landing') {
        response.setHeader('Content-Type', 'application/json')
        return response.end(JSON.stringify({ landed: true }))
      }
      if (path === '/cookies') {
        response.setHeader('Set-Cookie', [
          'session=abc123; Path=/; HttpOnly; Secure; SameSite=Strict',
          'theme=dark; Max-Age=3600; Path=/settings',
          'tracker=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=127.0.0.1',
        ])
        response.setHeader('Content-Type', 'text/plain')
        return response.end('cookies set')
      }
      if (path === '/page.html') {
        response.setHeader('Content-Type', 'text/html; charset=utf-8')
        return response.end(HOSTILE_HTML)
      }
      if (path === '/logo.svg') {
        response.setHeader('Content-Type', 'image/svg+xml')
        return response.end(SVG)
      }
      if (path === '/photo.png') {
        response.setHeader('Content-Type', 'image/png')
        return response.end(PNG)
      }
      if (path === '/firmware') {
        response.setHeader('Content-Type', 'application/octet-stream')
        response.setHeader('Content-Disposition', 'attachment; filename="firmware-v2.bin"')
        return response.end(BINARY)
      }
      if (path === '/catalog') {
        const page = Number(url.searchParams.get('page') ?? '1')
        const link = (p: number) => `<${this.url(`/catalog?page=${p}`)}>`
        const links = [
          page > 1 ? `${link(page - 1)}; rel="prev"` : '',
          page < 5 ? `${link(page + 1)}; rel="next"` : '',
          `${link(1)}; rel="first"`,
          `${link(5)}; rel="last"`,
        ]
        response.setHeader('Link', links.filter(Boolean).join(', '))
        response.setHeader('X-RateLimit-Limit', '60')
        response.setHeader('X-RateLimit-Remaining', String(60 - page))
        const resetIn = Number(url.searchParams.get('reset') ?? 1800) // seconds from now
        response.setHeader('X-RateLimit-Reset', String(Math.floor(Date.now() / 1000) + resetIn))
        response.setHeader('Content-Type', 'application/json')
        return response.end(JSON.stringify({ page, items: [`item ${page * 2 - 1}`, `item ${page * 2}`] }))
      }
      if (path === '/report.pdf') {
        response.setHeader('Content-Type', 'application/pdf')
        return response.end(tinyPdf())
      }
      if (path === '/books') {
        response.setHeader('Content-Type', 'application/json')
        return response.end(JSON.stringify(NESTED))
      }
      if (path === '/feed.xml') {
        response.setHeader('Content-Type', 'application/xml')
        return response.end(
          '<?xml version="1.0"?><feed><title>News</title><entry id="1"><title>First</title></entry><entry id="2"><title>Second</title></entry></feed>',
        )
      }
      const large = /^\/large-(\d+)\.json$/.exec(path)
      if (large) {
        const body = this.json(Number(large[1]))
        response.setHeader('Content-Type', 'application/json')
        response.setHeader('Content-Length', String(body.length))
        return response.end(body)
      }
      response.statusCode = 404
      response.end('not found')
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
