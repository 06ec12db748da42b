import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The upstream for the retry and redirect-limit specs. `/flaky/<key>` answers 503 Service
 * Unavailable with `Retry-After: 1` twice, then 200 with JSON (a fresh key per test); `/busy`
 * always answers that 503;
 * `/loop` redirects to itself; `/chain/<n>` redirects n times before it lands.
 */
export class RetryTarget {
  private server: Server | null = null
  private readonly calls = new Map<string, number>()
  port = 0

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      request.resume()
      const path = new URL(request.url ?? '/', 'http://target').pathname
      const flaky = /^\/flaky\/([\w-]+)$/.exec(path)
      if (flaky) {
        const calls = (this.calls.get(flaky[1]!) ?? 0) + 1
        this.calls.set(flaky[1]!, calls)
        if (calls <= 2) {
          response.writeHead(503, { 'Retry-After': '1', 'Content-Type': 'text/plain' })
          return response.end('busy, try again')
        }
        response.setHeader('Content-Type', 'application/json')
        return response.end(JSON.stringify({ ok: true, attempt: calls }))
      }
      if (path === '/busy') {
        response.writeHead(503, { 'Retry-After': '1', 'Content-Type': 'text/plain' })
        return response.end('still busy')
      }
      if (path === '/loop') {
        response.writeHead(302, { Location: '/loop' })
        return response.end()
      }
      const chain = /^\/chain\/(\d+)$/.exec(path)
      if (chain) {
        const n = Number(chain[1])
        if (n > 0) {
          response.writeHead(302, { Location: `/chain/${n - 1}` })
          return response.end()
        }
        return response.end('landed')
      }
      response.statusCode = 404
      response.end()
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }
}
