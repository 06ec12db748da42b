import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { TOKEN_META } from '@courier/shared'
import { request as undiciRequest } from 'undici'
import type { Sessions } from '../storage/sessions.js'
import type { FailureLimiter } from './security-gate.js'
import type { SessionCookie } from './session-cookie.js'
import { LOGIN_PATH, loginRoute, SIGNED_OUT_PAGE } from './login-route.js'
import { SIGN_IN_PATH } from './team-pages.js'
import { visualizerRoute } from './visualizer-page.js'
import { lazy } from '../lazy.js'

/** Only `courier dev` fronts the Vite dev server. */
const httpProxy = lazy(() => import('@fastify/http-proxy'))

export type WebAppOptions = {
  cookie: SessionCookie
  sessions: () => Sessions
  limiter: FailureLimiter
  /** Team mode: a browser without a session goes to the sign-in page; login links are not how people sign in. */
  team?: boolean
  webDist: string | null
  viteUrl: string | null
}

/** The UI's CSP: no inline script, no third-party anything, never framed (docs/security.md#who-may-drive-courier). */
export const CSP = [
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
 * Serves the web app, with the session's CSRF token in a meta tag, only to a signed-in browser.
 * Production: the built files. Development: the Vite dev server behind this same origin
 * (HMR websocket included), so the app always has one origin and the same security gate.
 */
export default fp<WebAppOptions>(
  async (fastify: FastifyInstance, options) => {
    /** The app with the session's CSRF token, or without a session a page that says how to sign in. */
    const sendIndex = async (request: FastifyRequest, reply: FastifyReply, html: string) => {
      reply
        .header('cache-control', 'no-store')
        .header('cross-origin-opener-policy', 'same-origin-allow-popups')
        .type('text/html; charset=utf-8')
      if (!options.viteUrl) reply.header('content-security-policy', CSP)
      const session = await options.cookie.session(request)
      if (!session && options.team) return reply.redirect(SIGN_IN_PATH, 303)
      if (!session) return reply.code(401).send(SIGNED_OUT_PAGE)
      options.cookie.set(reply, session)
      return reply.send(withToken(html, session.csrf))
    }

    if (options.team) fastify.get(LOGIN_PATH, (_request, reply) => reply.redirect(SIGN_IN_PATH, 303))
    else
      await fastify.register(loginRoute, {
        cookie: options.cookie,
        sessions: options.sessions,
        limiter: options.limiter,
      })

    // The sandboxed visualizer's page, from the last build in development too (it is inlined whole).
    visualizerRoute(fastify, options.webDist)

    if (options.viteUrl) {
      const viteUrl = options.viteUrl
      const devIndex = async (request: FastifyRequest, reply: FastifyReply) => {
        const response = await undiciRequest(`${viteUrl}/`, { headers: { accept: 'text/html' } })
        return sendIndex(request, reply, await response.body.text())
      }
      fastify.get('/', devIndex)
      fastify.get('/index.html', devIndex)
      await fastify.register((await httpProxy()).default, {
        upstream: viteUrl,
        prefix: '/',
        routes: ['/*'],
        websocket: true,
      })
      return
    }

    if (!options.webDist) {
      fastify.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT))
      return
    }

    const indexHtml = await readFile(join(options.webDist, 'index.html'), 'utf8')
    const index = (request: FastifyRequest, reply: FastifyReply) => sendIndex(request, reply, indexHtml)
    fastify.get('/', index)
    fastify.get('/index.html', index)
    await fastify.register(fastifyStatic, {
      root: options.webDist,
      index: false,
      wildcard: true,
      setHeaders(reply, path) {
        // Vite puts content-hashed files in assets/: they never change under the same name.
        if (path.startsWith(join(options.webDist!, 'assets')))
          reply.header('cache-control', 'public, max-age=31536000, immutable')
      },
    })
    // Client-side routes fall back to the app; unknown /api paths stay JSON 404s.
    fastify.setNotFoundHandler((request, reply) => {
      if (
        request.method === 'GET' &&
        !request.url.startsWith('/api') &&
        (request.headers.accept ?? '').includes('text/html')
      ) {
        return sendIndex(request, reply, indexHtml)
      }
      return reply
        .code(404)
        .send({ error: { code: 'NOT_FOUND', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` } })
    })
  },
  { name: 'web-app' },
)
