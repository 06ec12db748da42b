import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import WebSocket, { type RawData } from 'ws'
import { CAPTURE_PREFIX } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { ConnectorOptions } from '../engine/connector.js'
import { toCourierError } from '../engine/map-error.js'
import { policyAgent } from '../realtime/policy-agent.js'
import { MAX_INCOMING_FRAME_BYTES } from '../realtime/ws-options.js'
import type { CaptureState } from './capture-plugin.js'
import { pairsOf, upstreamHeaders } from './upstream-headers.js'

export type CaptureSocketOptions = {
  preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
  stateOf: (request: FastifyRequest) => CaptureState
  sessionCookie: () => string
  connectorOptions: () => ConnectorOptions
}

/** The client's handshake headers the `ws` client writes itself (or that name Courier's side of it). */
const HANDSHAKE_HEADERS = new Set([
  'host',
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'content-length',
  'transfer-encoding',
])

/** A close code `ws` lets a peer send (1005/1006 are only ever observed, never sent). */
function sendableCode(code: number): number {
  if (code === 1000 || (code >= 3000 && code <= 4999)) return code
  if (code >= 1001 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) return code
  return 1000
}

/** A close reason within the 123 bytes a close frame carries. */
function closeReason(text: string): string {
  let reason = text
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1)
  return reason
}

/** Picks the WebSocket routes for Upgrade requests only; every other request gets the HTTP forwarder. */
const UPGRADE_STRATEGY = {
  name: 'captureUpgrade',
  storage() {
    const handlers = new Map<string, unknown>()
    return {
      get: (value: string) => handlers.get(value) ?? null,
      set: (value: string, store: unknown) => void handlers.set(value, store),
    }
  },
  deriveConstraint: (request: { headers: Record<string, string | string[] | undefined> }) =>
    String(request.headers.upgrade ?? '').toLowerCase() === 'websocket' ? 'websocket' : undefined,
  mustMatchWhenDerived: false,
}

/**
 * A WebSocket through a mount: the caller's Origin was checked (preHandler) before the upgrade was
 * accepted; the upstream socket is opened through the policy agent (realtime/policy-agent.ts), so
 * a refused destination closes the caller's socket with the engine's sentence. Frames pass both
 * ways as they are; the handshake (its answer, or why it failed) is one history entry.
 */
export async function captureSocketRoute(fastify: FastifyInstance, options: CaptureSocketOptions) {
  if (!fastify.hasConstraintStrategy(UPGRADE_STRATEGY.name)) fastify.addConstraintStrategy(UPGRADE_STRATEGY as never)
  for (const url of [`${CAPTURE_PREFIX}/:name`, `${CAPTURE_PREFIX}/:name/*`]) {
    fastify.route({
      method: 'GET',
      url,
      exposeHeadRoute: false,
      constraints: { captureUpgrade: 'websocket' },
      preHandler: options.preHandler,
      websocket: true,
      handler: ((socket: WebSocket, request: FastifyRequest) => connect(socket, request, options)) as never,
    })
  }
}

function connect(socket: WebSocket, request: FastifyRequest, options: CaptureSocketOptions): void {
  const state = options.stateOf(request)
  const { exchange, place } = state
  const secure = place.upstreamOrigin.startsWith('https:')
  const target = new URL(exchange.url)
  target.protocol = secure ? 'wss:' : 'ws:'
  // History shows the handshake's URL as the socket was opened (ws:, wss:).
  exchange.url = target.href
  const incoming = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !HANDSHAKE_HEADERS.has(name.toLowerCase())),
  )
  const headers = upstreamHeaders(incoming, exchange.injected.resolved, options.sessionCookie()) as Record<
    string,
    string
  >
  exchange.sentHeaders = pairsOf(headers)
  const protocols = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean)
  const connector = options.connectorOptions()
  const policy = policyAgent(secure, connector)
  const upstream = new WebSocket(target.href, protocols, {
    agent: policy.agent,
    headers,
    followRedirects: false,
    perMessageDeflate: false,
    maxPayload: MAX_INCOMING_FRAME_BYTES,
    handshakeTimeout: connector.connectTimeoutMs + 30_000,
  })
  let opened = false
  const waiting: { data: RawData; binary: boolean }[] = []
  let waitingBytes = 0

  const fail = (error: CourierError) => {
    if (opened) return
    exchange.error ??= error
    void exchange.finish()
    if (socket.readyState === WebSocket.OPEN) socket.close(1011, closeReason(error.message))
  }

  socket.on('message', (data, binary) => {
    if (opened) return relay(socket, upstream, data, binary)
    waiting.push({ data, binary })
    waitingBytes += sizeOf(data)
    // Until the upstream answers, a fast client waits rather than filling Courier's memory.
    if (waitingBytes > HIGH_WATER) socket.pause()
  })
  socket.on('close', () => {
    if (upstream.readyState === WebSocket.OPEN) upstream.close(1000)
    else if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate()
    if (!opened) fail(new CourierError('ABORTED', 'The client closed its socket before the upstream answered.'))
  })
  socket.on('error', () => upstream.terminate())

  upstream.on('upgrade', (response) => {
    exchange.responseStarted(101, response.statusMessage ?? 'Switching Protocols', pairsOf(response.headers))
  })
  upstream.on('open', () => {
    opened = true
    for (const { data, binary } of waiting.splice(0)) relay(socket, upstream, data, binary)
    waitingBytes = 0
    if (socket.isPaused && upstream.bufferedAmount < LOW_WATER) socket.resume()
    void exchange.finish()
  })
  upstream.on('unexpected-response', (_request, response) => {
    exchange.responseStarted(response.statusCode ?? 0, response.statusMessage ?? '', pairsOf(response.headers))
    response.resume()
    fail(
      new CourierError(
        'REALTIME_HANDSHAKE_FAILED',
        `The upstream answered ${response.statusCode} instead of switching to WebSocket.`,
      ),
    )
    upstream.terminate()
  })
  upstream.on('message', (data, binary) => {
    if (socket.readyState === WebSocket.OPEN) relay(upstream, socket, data, binary)
  })
  upstream.on('error', (error) => {
    fail(policy.failure() ?? toCourierError(error, 'connect'))
    if (opened && socket.readyState === WebSocket.OPEN) socket.close(1011, closeReason(error.message))
  })
  upstream.on('close', (code, reason) => {
    if (socket.readyState === WebSocket.OPEN) socket.close(sendableCode(code), reason)
  })
}

/** Bytes waiting in one direction past which the sending side is paused (resumed below LOW_WATER). */
const HIGH_WATER = 8 * 1024 * 1024
const LOW_WATER = 1024 * 1024

function sizeOf(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, part) => n + part.length, 0) : data.byteLength
}

/**
 * One frame from `from` to `to`, with back-pressure: while `to` holds more than HIGH_WATER unsent,
 * `from` is paused (no more frames read from its socket), and resumed once `to` drained below LOW_WATER.
 */
function relay(from: WebSocket, to: WebSocket, data: RawData, binary: boolean): void {
  to.send(data, { binary }, () => {
    if (from.isPaused && to.bufferedAmount < LOW_WATER) from.resume()
  })
  if (to.bufferedAmount > HIGH_WATER) from.pause()
}
