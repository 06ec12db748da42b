import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import httpProxy from '@fastify/http-proxy'
import { CAPTURE_PREFIX, MountNameSchema, type Pair } from '@courier/shared'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Agent } from 'undici'
import { CourierError } from '../errors.js'
import { createConnector, type ConnectorOptions } from '../engine/connector.js'
import { toCourierError } from '../engine/map-error.js'
import { DEFAULT_ENGINE_SETTINGS, engineSettingsFrom, type EngineSettings } from '../engine/settings.js'
import { newId } from '../ids.js'
import { answerHeaders, type MountPlace } from './answer-headers.js'
import { checkCaller, isPreflight, preflightHeaders } from './caller-check.js'
import { captureSocketRoute } from './capture-socket.js'
import { CapturedExchange } from './exchange-record.js'
import { checkRest, placeOf, restOf } from './mount-path.js'
import { injectedHeaders, pairsOf, upstreamHeaders } from './upstream-headers.js'

export type CaptureOptions = {
  /** Courier's session cookie name: never forwarded upstream, never set by an upstream. */
  sessionCookie: () => string
  /** Team mode: a mount forwards only while its owner is an active member of its workspace. */
  team?: boolean
}

/** What the preHandler found for one request, read by the proxy's synchronous callbacks. */
export type CaptureState = {
  exchange: CapturedExchange
  place: MountPlace
  /** The allowed Origin the caller sent (echoed in CORS answers), if any. */
  origin: string | undefined
  rest: string
  query: string
  settings: EngineSettings
}

const states = new WeakMap<object, CaptureState>()
/** http-proxy's preRewrite sees the request's params, not the request: the same state by that object. */
const byParams = new WeakMap<object, CaptureState>()

export function captureStateOf(request: FastifyRequest): CaptureState | undefined {
  return states.get(request)
}

/** The state of a request the preHandler admitted (every proxy callback runs after it). */
function stateOf(request: FastifyRequest): CaptureState {
  const state = states.get(request)
  if (!state) throw new CourierError('INTERNAL', 'A capture request reached the forwarder without its mount.')
  return state
}

function mountNameOf(request: FastifyRequest): string {
  const name = (request.params as { name?: unknown }).name
  const parsed = MountNameSchema.safeParse(name)
  if (!parsed.success) throw new CourierError('CAPTURE_MOUNT_UNKNOWN')
  return parsed.data
}

/** The CourierError inside what reply-from or undici reported (its cause chain), else the engine's mapping. */
function courierErrorOf(error: unknown): CourierError {
  let at: unknown = error
  for (let depth = 0; at && depth < 5; depth++) {
    if (at instanceof CourierError) return at
    at = (at as { cause?: unknown }).cause
  }
  const cause = (error as { cause?: unknown })?.cause
  return toCourierError(cause ?? error, 'connect')
}

/**
 * The capture forwarder: `/capture/NAME/*` to the mount's upstream through @fastify/http-proxy,
 * every connection opened by the engine's connector (the destination policy), CORS for the mount's
 * origins, and each exchange recorded in the owner's history as it streams (exchange-record.ts).
 * WebSocket upgrades go to capture-socket.ts (a route of @fastify/websocket's, picked by the
 * router on the Upgrade header).
 */
export default async function capturePlugin(fastify: FastifyInstance, options: CaptureOptions) {
  const services = fastify.services
  let settings: EngineSettings | undefined
  const connectorOptions = (): ConnectorOptions => {
    const current = settings ?? DEFAULT_ENGINE_SETTINGS
    return {
      policy: services.outbound.policy,
      allowLinkLocal: false,
      verifyTls: current.verifyTls,
      connectTimeoutMs: current.connectTimeoutMs,
      extraCa: services.outbound.extraCa,
    }
  }
  let connector: { key: string; connect: ReturnType<typeof createConnector> } | undefined
  const connect: ReturnType<typeof createConnector> = (target, callback) => {
    const opts = connectorOptions()
    const key = `${opts.verifyTls}:${opts.connectTimeoutMs}`
    if (connector?.key !== key) connector = { key, connect: createConnector(opts) }
    connector.connect(target, callback)
  }
  const agent = new Agent({ connect, keepAliveTimeout: 4_000 })
  fastify.addHook('onClose', async () => {
    await agent.close()
  })

  /** Team mode: a person removed from the workspace, or disabled, keeps no pipe to its environments. */
  async function ownerMay(mount: { userId: string; workspaceId: string }): Promise<boolean> {
    if (!options.team) return true
    const [role, user] = await Promise.all([
      fastify.store.memberships.roleOf(mount.workspaceId, mount.userId),
      fastify.store.users.get(mount.userId),
    ])
    return role !== undefined && user !== undefined && user !== null && !user.disabled_at
  }

  /** Finds the mount, checks the caller and the path, answers preflights; stashes what the proxy needs. */
  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    const name = mountNameOf(request)
    const mount = await fastify.store.captureMounts.byName(name)
    if (!mount || !(await ownerMay(mount))) throw new CourierError('CAPTURE_MOUNT_UNKNOWN')
    if (!mount.enabled) throw new CourierError('CAPTURE_MOUNT_PAUSED')
    const exchange = new CapturedExchange(newId(), mount, request.method, services, request.log)
    const { origin: upstreamOrigin, basePath } = placeOf(mount.upstream)
    const { rest, query } = restOf(request.url)
    exchange.url = `${upstreamOrigin}${basePath}${rest || (basePath ? '' : '/')}${query}`
    settings = engineSettingsFrom((await fastify.appSettings.get()).send)
    const state: CaptureState = {
      exchange,
      place: { name, upstreamOrigin, basePath },
      origin: undefined,
      rest,
      query,
      settings,
    }
    states.set(request, state)
    byParams.set(request.params as object, state)
    state.origin = checkCaller(request, mount)
    if (isPreflight(request)) {
      exchange.skip = true
      return reply.code(204).headers(preflightHeaders(request, state.origin!)).send()
    }
    checkRest(rest)
    exchange.injected = await injectedHeaders(fastify.store, mount)
    const type = request.headers['content-type']
    exchange.requestType = typeof type === 'string' ? type : null
    if (request.body instanceof Readable) {
      const tap = exchange.requestTap()
      pipeline(request.body, tap, () => {})
      request.body = tap
    }
  }

  // Exchanges answered by Courier itself (refused caller, refused path, a destination the policy
  // blocks, an upstream that failed) are recorded once the answer is out; forwarded ones by their tap.
  fastify.addHook('onError', async (request, _reply, error) => {
    const state = states.get(request)
    if (state && !state.exchange.error) state.exchange.error = courierErrorOf(error)
  })
  // Courier's own answers to an allowed origin (a refused path or destination) are readable by its page too.
  fastify.addHook('onSend', async (request, reply, payload) => {
    const origin = states.get(request)?.origin
    if (origin !== undefined && !reply.hasHeader('access-control-allow-origin')) {
      void reply.header('access-control-allow-origin', origin)
      void reply.header('access-control-allow-credentials', 'true')
      void reply.header('vary', 'Origin')
    }
    return payload
  })
  // A client that went away before the upstream answered: the exchange ends as cancelled.
  fastify.addHook('onRequestAbort', async (request) => {
    const state = states.get(request)
    if (!state || state.exchange.head) return
    state.exchange.error ??= new CourierError('ABORTED', 'The client went away before the upstream answered.')
    await state.exchange.finish()
  })
  fastify.addHook('onResponse', async (request, reply) => {
    const state = states.get(request)
    if (!state || state.exchange.head) return
    if (!state.exchange.error && reply.statusCode >= 400)
      state.exchange.error = new CourierError('INTERNAL', `Courier answered ${reply.statusCode}.`)
    await state.exchange.finish()
  })

  // WebSocket upgrades: their own GET routes, chosen by the router only for an Upgrade request.
  await fastify.register(captureSocketRoute, {
    preHandler,
    stateOf,
    sessionCookie: options.sessionCookie,
    connectorOptions,
  })

  await fastify.register(httpProxy, {
    prefix: CAPTURE_PREFIX,
    upstream: '',
    routes: ['/:name', '/:name/*'],
    websocket: false,
    preHandler,
    internalRewriteLocationHeader: false,
    undici: agent as never,
    // Each captured request reaches the upstream once: reply-from would retry a GET answered 503 up to
    // ten times (and `maxRetriesOn503: 0` reads as its default), holding the bodies it throws away.
    retryMethods: [],
    // The upstream path: the mount's base path and the rest of the captured path (checked in preHandler).
    preRewrite: (url: string, params: object) => {
      const state = byParams.get(params)
      if (!state) return url
      const path = `${state.place.basePath}${state.rest}` || '/'
      return `${CAPTURE_PREFIX}${path}${state.query}`
    },
    replyOptions: {
      getUpstream: (request: FastifyRequest) => stateOf(request).place.upstreamOrigin,
      rewriteRequestHeaders: (request: FastifyRequest, headers: IncomingHttpHeaders) => {
        const state = stateOf(request)
        const written = upstreamHeaders(headers, state.exchange.injected.resolved, options.sessionCookie())
        state.exchange.sentHeaders = pairsOf(written)
        return written
      },
      rewriteHeaders: (headers: Record<string, string | string[] | undefined>, request: FastifyRequest) => {
        const state = stateOf(request)
        return answerHeaders(headers, state.place, state.origin, options.sessionCookie())
      },
      onResponse: (
        request: FastifyRequest,
        reply: FastifyReply,
        res: { statusCode: number; headers: Record<string, string | string[] | undefined>; stream: Readable },
      ) => {
        const state = stateOf(request)
        const { exchange } = state
        // undici hands on no reason phrase: the standard one stands in, as a browser shows it.
        const statusText = (res as { statusMessage?: string }).statusMessage || STATUS_CODES[res.statusCode] || ''
        exchange.responseStarted(res.statusCode, statusText, pairsOf(res.headers) as Pair[])
        const tap = exchange.responseTap(state.settings.maxResponseBytes)
        // An upstream that breaks off mid-body: the record says so (not "the client went away").
        res.stream.once('error', (error) => {
          exchange.error ??= toCourierError(error, 'receive')
        })
        pipeline(res.stream, tap, () => {})
        void reply.send(tap)
      },
      onError: (reply: FastifyReply, { error }: { error: Error }) => {
        const coded = courierErrorOf(error)
        const state = states.get(reply.request)
        if (state) state.exchange.error = coded
        void reply.code(coded.statusCode).send(coded)
      },
    },
  } as never)
}
