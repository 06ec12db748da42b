import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A 24×24 PNG: a blue square with a white cross. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAe0lEQVR42r2VWw6AIAwE92xexeN7CHwQo5FYljqx4QNoM9CWFpVDpnlJj0pQOeULZQfdF2nKNle7laBcoFFWa6xYbVKeIIf1ZiDfNFbJPza+rEwXui7LCaqTBJkJ6qbyFxDjGhNsJv3Mg2RKhClapo0wjY1ptVjzp76jFfWCRiUYrt3LAAAAAElFTkSuQmCC',
  'base64',
)

export type Received = { method: string; url: string; headers: IncomingMessage['headers']; body: string; raw: Buffer }

/**
 * The API the e2e tests talk to through Courier: echo, JSON, an image, any status, slow answers,
 * redirects and cookies. Records what it received.
 */
export class TargetServer {
  private server: Server | null = null
  readonly received: Received[] = []
  /** Files a test puts up to be fetched by path (an OpenAPI spec to import by URL). */
  readonly files = new Map<string, { contentType: string; body: string }>()
  port = 0

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const url = new URL(request.url ?? '/', 'http://target')
        this.received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body,
          raw: Buffer.concat(chunks),
        })
        const path = url.pathname
        const file = this.files.get(path)
        if (file) {
          response.setHeader('content-type', file.contentType)
          return response.end(file.body)
        }
        if (path === '/login') {
          response.setHeader('content-type', 'application/json')
          return response.end(JSON.stringify({ access_token: 'tok-e2e-1234', token_type: 'Bearer', expires_in: 3600 }))
        }
        // Request-building routes (issue 3): redirects, cookies, multipart echo.
        const redirect = /^\/redirect\/(\d+)$/.exec(path)
        if (redirect) {
          const left = Number(redirect[1])
          response.statusCode = 302
          response.setHeader('location', left > 1 ? `/redirect/${left - 1}` : '/landed')
          return response.end()
        }
        if (path === '/cookies/set') {
          response.setHeader(
            'set-cookie',
            [...url.searchParams].map(([name, value]) => `${name}=${value}; Path=/`),
          )
          response.setHeader('content-type', 'application/json')
          return response.end(JSON.stringify({ set: Object.fromEntries(url.searchParams) }))
        }
        if (path === '/cookies') {
          response.setHeader('content-type', 'application/json')
          return response.end(JSON.stringify({ cookie: request.headers.cookie ?? null }))
        }
        if (path === '/multipart') {
          const raw = Buffer.concat(chunks)
          void new Response(raw, { headers: { 'content-type': request.headers['content-type'] ?? '' } })
            .formData()
            .then(async (form) => {
              const parts: Record<string, unknown> = {}
              for (const [name, value] of form) {
                parts[name] =
                  typeof value === 'string'
                    ? value
                    : {
                        filename: value.name,
                        type: value.type,
                        size: value.size,
                        text: (await value.text()).slice(0, 200),
                      }
              }
              response.setHeader('content-type', 'application/json')
              response.end(JSON.stringify({ parts }))
            })
            .catch((error: Error) => {
              response.statusCode = 400
              response.end(error.message)
            })
          return
        }
        if (path === '/image.png') {
          response.setHeader('content-type', 'image/png')
          return response.end(PNG)
        }
        const status = /^\/status\/(\d{3})$/.exec(path)
        if (status) {
          response.statusCode = Number(status[1])
          response.setHeader('content-type', 'application/json')
          return response.end(JSON.stringify({ status: Number(status[1]) }))
        }
        if (path === '/slow') {
          setTimeout(() => response.end('finally'), Number(url.searchParams.get('ms') ?? 3000))
          return
        }
        response.setHeader('content-type', 'application/json')
        response.end(
          JSON.stringify({
            method: request.method,
            path,
            query: Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key)])),
            contentType: request.headers['content-type'] ?? null,
            json: body && (request.headers['content-type'] ?? '').includes('json') ? safeJson(body) : null,
          }),
        )
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
