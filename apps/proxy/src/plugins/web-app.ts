import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import httpProxy from '@fastify/http-proxy'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { TOKEN_META } from '@courier/shared'
import { request as undiciRequest } from 'undici'

export type WebAppOptions = {
  token: string
  cookieName: string
  webDist: string | null
  viteUrl: string | null
}

/** The UI's CSP: no inline script, no third-party anything, never framed (SECURITY.md §2.5.5, P-13). */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Monaco positions its widgets with inline styles
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "media-src 'self' blob:",
  "object-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ')

function withToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META}" content="${token}">`
  return html.includes('</head>') ? html.replace('</head>', `    ${meta}\n  </head>`) : meta + html
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Courier</title>
<body style="font:16px system-ui;margin:3rem"><h1>Courier's web app is not built</h1>
<p>Run <code>npm start</code> from the repository root (it builds the app), or <code>pnpm --filter @courier/web build</code>.</p></body>`

/**
 * Serves the web app with the per-start secret in a meta tag and a SameSite=Strict cookie.
 * Production: the built files. Development: the Vite dev server behind this same origin
 * (HMR websocket included), so the app always has one origin and the same security gate.
 */
export default fp<WebAppOptions>(
  async (fastify: FastifyInstance, options) => {
    const sendIndex = (reply: FastifyReply, html: string) => {
      const secure = false // loopback http; a team server behind TLS sets Secure at its proxy
      reply
        .header('set-cookie', `${options.cookieName}=${options.token}; Path=/api; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`)
        .header('cache-control', 'no-store')
        .header('cross-origin-opener-policy', 'same-origin-allow-popups')
        .type('text/html; charset=utf-8')
      if (!options.viteUrl) reply.header('content-security-policy', CSP)
      return reply.send(withToken(html, options.token))
    }

    if (options.viteUrl) {
      const viteUrl = options.viteUrl
      const devIndex = async (_request: FastifyRequest, reply: FastifyReply) => {
        const response = await undiciRequest(`${viteUrl}/`, { headers: { accept: 'text/html' } })
        return sendIndex(reply, await response.body.text())
      }
      fastify.get('/', devIndex)
      fastify.get('/index.html', devIndex)
      await fastify.register(httpProxy, { upstream: viteUrl, prefix: '/', routes: ['/*'], websocket: true })
      return
    }

    if (!options.webDist) {
      fastify.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT))
      return
    }

    const indexHtml = await readFile(join(options.webDist, 'index.html'), 'utf8')
    const index = (_request: FastifyRequest, reply: FastifyReply) => sendIndex(reply, indexHtml)
    fastify.get('/', index)
    fastify.get('/index.html', index)
    await fastify.register(fastifyStatic, {
      root: options.webDist,
      index: false,
      wildcard: true,
      setHeaders(reply, path) {
        // Vite puts content-hashed files in assets/: they never change under the same name.
        if (path.startsWith(join(options.webDist!, 'assets'))) reply.header('cache-control', 'public, max-age=31536000, immutable')
      },
    })
    // Client-side routes fall back to the app; unknown /api paths stay JSON 404s.
    fastify.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api') && (request.headers.accept ?? '').includes('text/html')) {
        return sendIndex(reply, indexHtml)
      }
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` } })
    })
  },
  { name: 'web-app' },
)
