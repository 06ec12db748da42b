import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { FILES_PATH, TOKEN_HEADER } from '@courier/shared'
import { CourierError } from '../errors.js'

export type SecurityGateOptions = {
  token: string
  /** Host header values this server answers to, e.g. `127.0.0.1:3210` (SECURITY.md L3, DNS rebinding). */
  allowedHosts: () => ReadonlySet<string>
  /** Origins whose pages may call the API: Courier's own. */
  allowedOrigins: () => ReadonlySet<string>
  cookieName: string
}

const MAX_FAILURES_PER_MINUTE = 30

function safeEqual(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')
}

/** Whether a state-changing request carries a type a plain HTML form cannot send (SECURITY.md L2). */
function hasAllowedContentType(request: FastifyRequest): boolean {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (request.method === 'DELETE' && type === '') return true
  if (request.url.split('?')[0] === FILES_PATH) return type === 'multipart/form-data'
  return type === 'application/json'
}

/**
 * Who may drive Courier (SECURITY.md §2.3): only Host names of this server, only Courier's own
 * pages (Origin and Fetch metadata), only with the per-start secret — as the x-courier-token
 * header, or for reads the SameSite=Strict cookie (so `<img src>` works) — and state changes
 * only as JSON. Heuristics never replace the secret.
 */
export default fp<SecurityGateOptions>(
  async (fastify: FastifyInstance, options) => {
    let failures: number[] = []

    fastify.addHook('onRequest', async (request, reply) => {
      reply.header('x-content-type-options', 'nosniff')
      reply.header('referrer-policy', 'no-referrer')
      reply.header('x-frame-options', 'DENY')

      const host = request.headers.host?.toLowerCase()
      if (!host || !options.allowedHosts().has(host)) {
        throw new CourierError('HOST_NOT_ALLOWED', `Courier answers only to ${[...options.allowedHosts()][0]}; open it at that address.`)
      }
      if (!isApi(request.url)) return

      const origin = request.headers.origin
      if (origin !== undefined && !options.allowedOrigins().has(origin)) throw new CourierError('ORIGIN_NOT_ALLOWED')
      const site = request.headers['sec-fetch-site']
      if (site === 'cross-site' || site === 'same-site') throw new CourierError('ORIGIN_NOT_ALLOWED')

      const header = request.headers[TOKEN_HEADER]
      const presented = Array.isArray(header) ? undefined : header
      const isRead = request.method === 'GET' || request.method === 'HEAD'
      const cookie = isRead ? readCookie(request.headers.cookie, options.cookieName) : undefined
      if (!safeEqual(presented, options.token) && !safeEqual(cookie, options.token)) {
        const now = Date.now()
        failures = failures.filter((at) => now - at < 60_000)
        failures.push(now)
        if (failures.length > MAX_FAILURES_PER_MINUTE) {
          reply.header('retry-after', '60')
          throw new CourierError('RATE_LIMITED')
        }
        throw new CourierError('UNAUTHORIZED')
      }
      if (!isRead && !hasAllowedContentType(request)) {
        throw new CourierError('UNSUPPORTED_MEDIA_TYPE', 'Courier accepts application/json on this route (and multipart/form-data for file uploads).')
      }
    })
  },
  { name: 'security-gate' },
)
