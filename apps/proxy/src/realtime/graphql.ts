import type { RequestSpec } from '@courier/shared'
import WebSocket from 'ws'
import { createClient } from 'graphql-ws'
import { CourierError } from '../errors.js'
import { maskSecrets } from '../send/mask-secrets.js'
import type { AdapterOpen, RealtimeAdapter, SessionSink, UpstreamSession } from './adapter.js'
import { parseJson } from './messages.js'
import { prepareUpstream, type PreparedUpstream } from './prepare-upstream.js'
import { wireWebSocket } from './websocket.js'
import { noMessagesError, wsClientOptions } from './ws-options.js'

/** The operation a subscription runs: the request's GraphQL body. */
export type GraphqlOperation = { query: string; variables?: Record<string, unknown>; operationName?: string }

const OPERATION_ID = '1'

/** Refuses a request whose body is no GraphQL operation, before anything is prepared or connects. */
function assertOperation(body: RequestSpec['body']): asserts body is Extract<RequestSpec['body'], { kind: 'graphql' }> {
  if (body.kind !== 'graphql' || body.query.trim() === '') {
    throw new CourierError(
      'REALTIME_MESSAGE_INVALID',
      'A GraphQL subscription needs its operation: choose GraphQL in the Body tab and write the subscription.',
      { field: 'body' },
    )
  }
}

/** The operation of a GraphQL body (as resolved: its `{{variables}}` already replaced). */
export function operationOf(body: RequestSpec['body']): GraphqlOperation {
  assertOperation(body)
  const variables = body.variables.trim() === '' ? undefined : parseJson(body.variables)
  if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables))) {
    throw new CourierError('REALTIME_MESSAGE_INVALID', 'The GraphQL variables must be a JSON object.', {
      field: 'body.variables',
    })
  }
  return {
    query: body.query,
    ...(variables ? { variables: variables as Record<string, unknown> } : {}),
    ...(body.operationName ? { operationName: body.operationName } : {}),
  }
}

/**
 * connection_init's payload: the handshake's Authorization (as resolved), at the top (graphql-ws
 * servers, AWS AppSync style) and under `headers` (Apollo, Hasura).
 */
export function connectionParamsOf(upstream: Pick<PreparedUpstream, 'headers'>): Record<string, unknown> {
  const authorization = upstream.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1]
  return authorization === undefined ? {} : { Authorization: authorization, headers: { Authorization: authorization } }
}

const text = (value: unknown) => JSON.stringify(value) ?? 'null'

/** What one subscription reports, the same for both protocols. */
function reporter(sink: SessionSink, upstream: PreparedUpstream, operation: GraphqlOperation) {
  return {
    /** The operation as sent, a secret variable's value shown as {{name}}. */
    operationSent() {
      const wire = text(operation)
      const shown = upstream.secretVariables.length ? maskSecrets(wire, upstream.secretVariables) : wire
      sink.frame({ dir: 'out', type: 'event', id: OPERATION_ID, size: Buffer.byteLength(wire), data: shown })
    },
    completed() {
      sink.frame({
        dir: 'info',
        type: 'event',
        id: OPERATION_ID,
        size: 0,
        data: 'The server completed the subscription.',
      })
    },
  }
}

/**
 * GraphQL subscriptions over a WebSocket: `graphql-transport-ws` with graphql-ws's own client
 * (its socket a `ws` client through the policy agent), or the legacy `graphql-ws` protocol of
 * subscriptions-transport-ws, spoken here (a dozen message types). The operation is the
 * request's GraphQL body, its `{{variables}}` resolved; connection_init carries the request's
 * Authorization. Each result is an `event` frame, errors an `error` frame, and the session closes
 * when the server completes the subscription.
 */
export const graphqlAdapter: RealtimeAdapter = {
  async open(open) {
    assertOperation(open.input.request.body)
    const upstream = await prepareUpstream(open)
    const operation = operationOf(upstream.sent.body)
    return open.realtime.graphqlProtocol === 'graphql-ws'
      ? legacySubscription(open, upstream, operation)
      : transportSubscription(open, upstream, operation)
  },
}

function transportSubscription(
  open: AdapterOpen,
  upstream: PreparedUpstream,
  operation: GraphqlOperation,
): UpstreamSession {
  const { sink } = open
  const report = reporter(sink, upstream, operation)
  let wired: ReturnType<typeof wireWebSocket> | undefined
  let acknowledged = false
  const options = wsClientOptions(upstream)
  class PolicyWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, options)
      wired = wireWebSocket(this, upstream, sink, open.signal, { showFrames: false })
    }
  }
  const client = createClient({
    url: upstream.url.href,
    webSocketImpl: PolicyWebSocket,
    lazy: true,
    retryAttempts: 0,
    shouldRetry: () => false,
    connectionParams: connectionParamsOf(upstream),
    on: { connected: () => (acknowledged = true) },
  })
  // A socket cut before connection_ack rejects what dispose awaits: that end is the socket's close frame.
  const dispose = () => void Promise.resolve(client.dispose()).catch(() => {})
  report.operationSent()
  client.subscribe(operation, {
    next: (value) => {
      const data = text(value)
      sink.frame({ dir: 'in', type: 'event', id: OPERATION_ID, size: Buffer.byteLength(data), data })
    },
    error: (error) => {
      // A close is shown by the socket's own close frame; GraphQL errors arrive as a list.
      if (Array.isArray(error)) {
        const data = text(error)
        sink.frame({ dir: 'in', type: 'error', id: OPERATION_ID, size: Buffer.byteLength(data), data })
        dispose()
      }
    },
    complete: () => {
      report.completed()
      dispose()
    },
  })
  const close = (code?: number, reason?: string) => {
    if (wired) {
      wired.close(code, reason)
      // Connecting (or awaiting connection_ack, which graphql-ws's dispose would wait for): cut it now.
      if (!acknowledged) wired.socket.terminate()
    }
    dispose()
  }
  open.signal.addEventListener('abort', () => close(1001, 'The page went away.'), { once: true })
  return {
    send() {
      throw noMessagesError()
    },
    close,
  }
}

/** The legacy subscriptions-transport-ws protocol (`graphql-ws`): init, ack, start; data, error, complete; stop, terminate. */
function legacySubscription(
  open: AdapterOpen,
  upstream: PreparedUpstream,
  operation: GraphqlOperation,
): UpstreamSession {
  const { sink } = open
  const report = reporter(sink, upstream, operation)
  const socket = new WebSocket(upstream.url.href, 'graphql-ws', wsClientOptions(upstream))
  const wired = wireWebSocket(socket, upstream, sink, open.signal, { showFrames: false })
  let acknowledged = false
  const write = (message: Record<string, unknown>) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
  }
  socket.on('open', () => write({ type: 'connection_init', payload: connectionParamsOf(upstream) }))
  socket.on('message', (raw: Buffer) => {
    let message: { type?: string; id?: string; payload?: unknown }
    try {
      message = JSON.parse(raw.toString('utf8')) as typeof message
    } catch {
      sink.frame({ dir: 'in', type: 'text', size: raw.length, data: raw.toString('utf8') })
      return
    }
    const data = text(message.payload ?? null)
    const size = Buffer.byteLength(data)
    switch (message.type) {
      case 'connection_ack':
        acknowledged = true
        report.operationSent()
        write({ id: OPERATION_ID, type: 'start', payload: operation })
        return
      case 'ka':
        return
      case 'data': {
        // A document the server refused comes as data with only `errors`.
        const payload = message.payload as { data?: unknown; errors?: unknown } | null
        const refused = payload !== null && typeof payload === 'object' && payload.errors && payload.data == null
        sink.frame({ dir: 'in', type: refused ? 'error' : 'event', id: message.id ?? OPERATION_ID, size, data })
        return
      }
      case 'error':
      case 'connection_error':
        sink.frame({ dir: 'in', type: 'error', id: message.id ?? OPERATION_ID, size, data })
        if (message.type === 'connection_error') wired.close(1000, 'connection_error')
        return
      case 'complete':
        report.completed()
        wired.close(1000, 'complete')
        return
      default:
        sink.frame({ dir: 'in', type: 'text', size: raw.length, data: raw.toString('utf8') })
    }
  })
  return {
    send() {
      throw noMessagesError()
    },
    close(code, reason) {
      write({ id: OPERATION_ID, type: 'stop' })
      write({ type: 'connection_terminate' })
      wired.close(code, reason)
      if (!acknowledged) socket.terminate()
    },
  }
}
