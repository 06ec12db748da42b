import type { AddressInfo } from 'node:net'
import type { ServerResponse } from 'node:http'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { defaultMessage, MOCK_PREFIX, statusForCode, type ErrorCode, type MockCall } from '@courier/shared'
import { newId } from '../ids.js'
import type { ChangeBus } from '../ports/change-bus.js'
import type { Store } from '../storage/store.js'
import { answerCorsHeaders, allowedOrigin, preflightHeaders } from './mock-cors.js'
import { bodiless, exampleHeaders, finalStatus } from './example-answer.js'
import { publishMockChange } from './mock-events.js'
import type { StoredMock } from './mock-store.js'
import { RouteCache } from './mock-routes-of.js'
import { matchCall } from './match.js'

export type MockListenerOptions = {
  host: string
  /** 0: any free port. */
  port: number
  /** When `port` is taken, listen on any free port instead of failing (the default port, Courier's + 1). */
  anyPortIfTaken?: boolean
  /** Team mode: the stable origin the team reaches mocks at (`--mock-public-url`); its host is allowed too. */
  publicUrl?: string | null
  logger?: boolean
}

export type MockListener = {
  fastify: FastifyInstance
  /** Where this listener answers, e.g. `http://127.0.0.1:3211`. */
  origin: string
  port: number
  close(): Promise<void>
}

/** What a call's log entry and answer say, kept short: a path is logged as received, up to this length. */
const MAX_LOGGED_PATH = 2048
const MAX_BODY_BYTES = 10 * 1024 * 1024

const NOT_A_MOCK = `This port serves Courier's mock servers only, at ${MOCK_PREFIX}/ID/…; Courier itself is on another port.`

function fail(reply: FastifyReply, code: ErrorCode, message = defaultMessage(code), extra: object = {}) {
  return reply
    .code(statusForCode(code))
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ code, message, ...extra }))
}

/** Resolves true after `ms`, or false as soon as the client goes away (the timer is cleared then). */
function delay(ms: number, response: ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(true)
  // Gone already (while the mock was looked up): nothing to wait for.
  if (response.destroyed || response.socket === null || response.socket.destroyed) return Promise.resolve(false)
  return new Promise((resolve) => {
    const gone = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      response.off('close', gone)
      resolve(true)
    }, ms)
    response.once('close', gone)
  })
}

/** The call's path below `/mocks/ID` (raw, percent-encoded) and its query, from the request line. */
function splitCall(rawUrl: string): { id: string; path: string; query: string } | null {
  const queryAt = rawUrl.indexOf('?')
  const pathPart = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt)
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)
  const prefix = `${MOCK_PREFIX}/`
  if (!pathPart.startsWith(prefix)) return null
  const rest = pathPart.slice(prefix.length)
  const slash = rest.indexOf('/')
  const rawId = slash === -1 ? rest : rest.slice(0, slash)
  let id: string
  try {
    id = decodeURIComponent(rawId)
  } catch {
    return null
  }
  return { id, path: slash === -1 ? '/' : rest.slice(slash), query }
}

/**
 * The mock listener: a Fastify instance of its own, on its own port, so mock bodies (content anyone
 * who can edit a collection or write an OpenAPI document controls) never run on Courier's origin.
 * No session, no cookies, no Courier API: only `/mocks/ID/*`, for hosts that are its own (DNS
 * rebinding), with CORS as each mock says. Every call is logged on the mock and announced to its
 * workspace.
 */
export async function startMockListener(
  deps: { store: () => Store; bus: ChangeBus; routes?: RouteCache },
  options: MockListenerOptions,
): Promise<MockListener> {
  const routes = deps.routes ?? new RouteCache(deps.store)
  const fastify = Fastify({
    logger: options.logger ? { level: 'warn' } : false,
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: 120_000,
    forceCloseConnections: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  })
  let port = options.port
  const publicHost = options.publicUrl ? new URL(options.publicUrl).host.toLowerCase() : null
  const hosts = () =>
    new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...(publicHost ? [publicHost] : [])])
  const pending = new Set<Promise<void>>()

  // Mock bodies are whatever the client sends: taken as bytes, never parsed.
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff')
    reply.header('cache-control', 'no-store')
    const host = (request.headers.host ?? '').toLowerCase()
    if (!hosts().has(host))
      return fail(
        reply,
        'HOST_NOT_ALLOWED',
        'This Host name is not allowed to reach Courier’s mock servers; use the mock URL Courier shows.',
      )
  })

  fastify.setNotFoundHandler((_request, reply) => fail(reply, 'NOT_FOUND', NOT_A_MOCK))
  fastify.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    if (error.statusCode === 413)
      return fail(
        reply,
        'INVALID_REQUEST',
        `The request body is larger than a mock accepts (${MAX_BODY_BYTES / 1024 / 1024} MB).`,
      )
    if (error.statusCode && error.statusCode < 500) return fail(reply, 'INVALID_REQUEST')
    request.log.error({ err: error }, 'a mock call failed')
    return fail(reply, 'INTERNAL')
  })

  const record = (mock: StoredMock, call: Omit<MockCall, 'id' | 'at'>, at: Date) => {
    const entry: MockCall = { id: newId(), at: at.toISOString(), ...call }
    const done = (async () => {
      try {
        await deps.store().mocks.logCall(mock.id, entry)
      } catch (error) {
        fastify.log.warn({ err: error }, 'a mock call could not be logged')
        return
      }
      await publishMockChange(deps.bus, fastify.log, {
        workspaceId: mock.workspaceId,
        id: mock.id,
        version: mock.version,
        action: 'saved',
        by: { userId: 'mock', name: mock.name },
        clientId: null,
      })
    })()
    pending.add(done)
    void done.finally(() => pending.delete(done))
  }

  const answer = async (request: FastifyRequest, reply: FastifyReply) => {
    const at = new Date()
    const started = performance.now()
    const call = splitCall(request.raw.url ?? '/')
    if (!call) return fail(reply, 'NOT_FOUND', NOT_A_MOCK)
    const mock = await deps.store().mocks.find(call.id)
    if (!mock) return fail(reply, 'MOCK_UNKNOWN')

    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined
    const allow = allowedOrigin(mock.allowedOrigins, origin)
    const logged = `${call.path}${call.query ? `?${call.query}` : ''}`.slice(0, MAX_LOGGED_PATH)
    const log = (status: number, route: string | null, example: string | null, note: string) =>
      record(
        mock,
        {
          method: request.method,
          path: logged,
          origin: origin ?? null,
          status,
          route,
          example,
          note,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
        },
        at,
      )
    const cors = (exposed: readonly string[] = []) => (allow ? answerCorsHeaders(allow, exposed) : {})
    const refusedOrigin = origin !== undefined && !allow ? ` The origin ${origin} is not allowed: no CORS headers.` : ''

    const askedMethod = request.headers['access-control-request-method']
    if (request.method === 'OPTIONS' && origin !== undefined && typeof askedMethod === 'string') {
      const askedHeaders = request.headers['access-control-request-headers']
      if (allow)
        reply.headers(
          preflightHeaders(allow, {
            method: askedMethod,
            headers: typeof askedHeaders === 'string' ? askedHeaders : undefined,
          }),
        )
      log(
        204,
        null,
        null,
        allow ? `Preflight for ${askedMethod} allowed.` : `Preflight for ${askedMethod} refused.${refusedOrigin}`,
      )
      return reply.code(204).send()
    }

    if (!mock.enabled) {
      log(503, null, null, `The mock is paused.${refusedOrigin}`)
      return fail(reply.headers(cors()), 'MOCK_PAUSED')
    }

    const { routes: table, problem } = await routes.routesOf(mock)
    const matched = problem
      ? { ok: false as const, route: null, note: problem, nearest: [] }
      : matchCall(table, mock, { method: request.method, path: call.path, query: call.query, headers: request.headers })
    if (!matched.ok) {
      log(404, matched.route?.key ?? null, null, `${matched.note}${refusedOrigin}`)
      return fail(reply.headers(cors()), 'MOCK_NO_MATCH', matched.note, { nearest: matched.nearest })
    }

    const status = finalStatus(matched.status)
    if (!(await delay(matched.delayMs, reply.raw))) {
      log(
        status,
        matched.route.key,
        matched.example.name,
        `The client went away during the ${matched.delayMs} ms delay; nothing was answered.`,
      )
      return reply.hijack()
    }
    const headers = exampleHeaders(matched.example)
    const body = bodiless(status, request.method) ? Buffer.alloc(0) : Buffer.from(matched.example.body, 'utf8')
    reply.code(status)
    const corsHeaders = cors([...headers.keys()])
    // The example's own Vary stays, with Origin added when the answer depends on it.
    if (corsHeaders.vary && headers.has('vary')) headers.set('vary', [...headers.get('vary')!, corsHeaders.vary])
    reply.headers(corsHeaders)
    for (const [name, values] of headers) reply.header(name, values.length === 1 ? values[0]! : values)
    if (status !== 204 && status !== 304)
      reply.header('content-length', String(Buffer.byteLength(matched.example.body, 'utf8')))
    const note = `${status !== matched.status ? `${matched.note} A ${matched.status} cannot end an answer: answered ${status}.` : matched.note}${refusedOrigin}`
    log(status, matched.route.key, matched.example.name, note)
    return reply.send(body)
  }
  fastify.all(`${MOCK_PREFIX}/:id`, answer)
  fastify.all(`${MOCK_PREFIX}/:id/*`, answer)

  try {
    await fastify.listen({ host: options.host, port })
  } catch (error) {
    if (!(options.anyPortIfTaken && (error as NodeJS.ErrnoException).code === 'EADDRINUSE')) throw error
    await fastify.listen({ host: options.host, port: 0 })
  }
  port = (fastify.server.address() as AddressInfo).port
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    fastify,
    origin,
    port,
    close: async () => {
      await fastify.close()
      await Promise.allSettled([...pending])
    },
  }
}

/**
 * Opens the mock listener beside Courier's `app` (server.ts; tests): on the app's store and change
 * bus, and tells the app where mocks are now served (AppInfo.mockOrigin, each Mock's `url`).
 */
export async function startMocksBeside(app: FastifyInstance, options: MockListenerOptions): Promise<MockListener> {
  const listener = await startMockListener(
    { store: () => app.store, bus: app.services.bus, routes: app.mocks.routes },
    options,
  )
  app.mocks.listen(listener.origin)
  return {
    ...listener,
    close: async () => {
      app.mocks.listen(null)
      await listener.close()
    },
  }
}
