import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { CAPTURE_PREFIX, FILES_PATH, TOKEN_HEADER } from '@courier/shared'
import { CourierError } from '../errors.js'
import { safeEqual } from '../storage/sessions.js'
import type { ActiveSession } from '../storage/sessions.js'
import type { Actor } from '../team/scope.js'
import type { FailureLimiter } from './failure-limiter.js'
import type { SessionCookie } from './session-cookie.js'

export { readCookie } from './session-cookie.js'
export { FailureLimiter } from './failure-limiter.js'

/**
 * The routes anyone who reaches Courier may run, as `METHOD url-pattern` (HEAD goes with GET):
 * the page and its files (they carry no secret without a session), the sandboxed visualizer's
 * static page (visualizer-page.ts), the login link, the team
 * server's sign-in and set-password forms (each checks its own Origin), its OpenID Connect start
 * and callback (single-use state bound to the browser), and the OAuth
 * callback (checked by its own single-use state and browser binding). Every other route, and
 * every unmatched non-GET request, is gated. The decision is made on the route the router
 * matched, so no spelling of a path (percent-encoding, `//`, dot segments, absolute form) can
 * reach a gated handler past it.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /',
  'GET /index.html',
  'GET /login',
  'GET /sign-in',
  'POST /sign-in',
  'GET /set-password',
  'POST /set-password',
  'GET /sign-in/oidc',
  'GET /sign-in/oidc/callback',
  'GET /oauth/callback',
  'POST /oauth/callback',
  'GET /visualizer.html',
  'GET /*',
])

export function isPublicRoute(method: string, url: string): boolean {
  return PUBLIC_ROUTES.has(`${method === 'HEAD' ? 'GET' : method} ${url}`)
}

/**
 * The capture forwarder's route patterns (capture/capture-plugin.ts), any method: a captured app
 * on another origin has neither Courier's session nor its token, so these pass the gate on the
 * Host check alone and the forwarder checks its mount's own allowed origins. Matched routes only:
 * a path spelled to look like `/capture/…` that the router sends elsewhere is gated as that route.
 */
export const CAPTURE_ROUTES: ReadonlySet<string> = new Set([`${CAPTURE_PREFIX}/:name`, `${CAPTURE_PREFIX}/:name/*`])

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the security gate from PUBLIC_ROUTES; never set by a route itself. */
    public?: boolean
    /** Set by the security gate from CAPTURE_ROUTES: a capture mount's forwarder (no session, Host checked). */
    capture?: boolean
  }
}

export type SecurityGateOptions = {
  /** In-process secret (the CLI's and tests' `inject`): never served, printed or stored. */
  token: string
  /** Host header values this server answers to, e.g. `127.0.0.1:3210` (docs/security.md#who-may-drive-courier, DNS rebinding). */
  allowedHosts: () => ReadonlySet<string>
  /** Origins whose pages may call the API: Courier's own. */
  allowedOrigins: () => ReadonlySet<string>
  cookie: SessionCookie
  limiter: FailureLimiter
  /** Team mode: people sign in (sessions name a user) and API tokens act for their owner. */
  team?: TeamIdentity
}

export type TeamIdentity = {
  /** The active person a session belongs to, or null (none, or disabled). */
  sessionActor: (session: ActiveSession) => Promise<Actor | null>
  /** The active person an API token belongs to, or null (unknown, revoked, or the person disabled). */
  tokenActor: (token: string) => Promise<Actor | null>
  /** Where to sign in, for the 401 sentence. */
  signInUrl: () => string
}

export const TOKEN_REFUSED =
  'This API token is unknown or was revoked. Ask your Courier admin for a new one (courier tokens create --user EMAIL).'

/** The token of an `Authorization: Bearer …` header, if there is exactly one. */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header)
  return match ? match[1] : ''
}

export const SIGN_IN_SENTENCE =
  'Open the sign-in link that courier serve printed in its terminal, or run courier open there for a fresh one.'

/** Whether a state-changing request carries a type a plain HTML form cannot send (docs/security.md#who-may-drive-courier), by matched route. */
function hasAllowedContentType(request: FastifyRequest): boolean {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (request.method === 'DELETE' && type === '') return true
  if (request.method === 'POST' && request.routeOptions.url === FILES_PATH) return type === 'multipart/form-data'
  return type === 'application/json'
}

/** An absolute-form request line (`GET http://host/path`) names its own authority: it must be ours too. */
function absoluteFormHost(url: string): string | null {
  if (url.startsWith('/')) return null
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return ''
  }
}

/**
 * Who may drive Courier (docs/security.md#who-may-drive-courier): only Host names of this server, only Courier's own
 * pages (Origin and Fetch metadata), only a signed-in browser — the HttpOnly SameSite=Strict
 * session cookie, plus for state changes the page's CSRF token as the x-courier-token header —
 * or the in-process secret, and state changes only as JSON. Heuristics never replace a credential.
 */
export default fp<SecurityGateOptions>(
  async (fastify: FastifyInstance, options) => {
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      const open = methods.every((method) => isPublicRoute(method, route.url!))
      route.config = { ...(route.config ?? {}), public: open, capture: CAPTURE_ROUTES.has(route.url!) }
    })

    fastify.addHook('onRequest', async (request, reply) => {
      reply.header('x-content-type-options', 'nosniff')
      reply.header('referrer-policy', 'no-referrer')
      reply.header('x-frame-options', 'DENY')

      const hosts = options.allowedHosts()
      const host = request.headers.host?.toLowerCase()
      const authority = absoluteFormHost(request.url)
      if (!host || !hosts.has(host) || (authority !== null && !hosts.has(authority))) {
        throw new CourierError('HOST_NOT_ALLOWED', `Courier answers only to ${[...hosts][0]}; open it at that address.`)
      }

      const isRead = request.method === 'GET' || request.method === 'HEAD'
      const matched = request.routeOptions.url !== undefined
      // Unmatched reads reach only the not-found handler, which serves the page (secret-free without a session) or a 404.
      if (matched ? request.routeOptions.config.public === true : isRead) return
      // A capture mount's forwarder: its own Origin rules (capture/caller-check.ts), never a Courier credential.
      if (matched && request.routeOptions.config.capture === true) return

      const origin = request.headers.origin
      if (origin !== undefined && !options.allowedOrigins().has(origin)) throw new CourierError('ORIGIN_NOT_ALLOWED')
      const site = request.headers['sec-fetch-site']
      if (site === 'cross-site' || site === 'same-site') throw new CourierError('ORIGIN_NOT_ALLOWED')

      const header = request.headers[TOKEN_HEADER]
      const presented = Array.isArray(header) ? undefined : header
      const bearer = options.team ? bearerToken(request) : undefined
      if (safeEqual(presented, options.token)) {
        // The in-process secret: Courier's own code (tests, an embedding CLI), acting as the local user.
      } else if (options.team && bearer !== undefined) {
        // An API token (the remote `courier run`): no cookie is involved, so no CSRF token either.
        const actor = bearer === '' ? null : await options.team.tokenActor(bearer)
        if (!actor) {
          await options.limiter.fail(reply)
          throw new CourierError('UNAUTHORIZED', TOKEN_REFUSED)
        }
        request.actor = actor
      } else {
        const session = await options.cookie.session(request)
        const actor = session && options.team ? await options.team.sessionActor(session) : null
        if (!session || (options.team && !actor) || (!isRead && !safeEqual(presented, session.csrf))) {
          await options.limiter.fail(reply)
          throw new CourierError(
            'UNAUTHORIZED',
            session && (!options.team || actor)
              ? 'This page lost its session token; reload it.'
              : `You are not signed in to Courier (or the session ended). ${options.team ? `Sign in at ${options.team.signInUrl()}.` : SIGN_IN_SENTENCE}`,
          )
        }
        if (actor) request.actor = actor
      }
      if (!isRead && !hasAllowedContentType(request)) {
        throw new CourierError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Courier accepts application/json on this route (and multipart/form-data for file uploads).',
        )
      }
    })
  },
  { name: 'security-gate' },
)
