import type { ClientOptions } from 'ws'
import WebSocket from 'ws'
import { createClient } from 'graphql-ws'
import { CourierError } from '../errors.js'
import type { AdapterOpen, RealtimeAdapter, UpstreamSession } from './adapter.js'
import { parseJson } from './messages.js'
import { headerObject, prepareUpstream, type PreparedUpstream } from './prepare-upstream.js'
import { wireWebSocket } from './websocket.js'

/** The operation a subscription runs: the request's GraphQL body. */
export type GraphqlOperation = { query: string; variables?: Record<string, unknown>; operationName?: string }

const OPERATION_ID = '1'

export function operationOf(open: AdapterOpen): GraphqlOperation {
  const body = open.input.request.body
  if (body.kind !== 'graphql' || body.query.trim() === '') {
    throw new CourierError(
      'REALTIME_MESSAGE_INVALID',
      'A GraphQL subscription needs its operation: choose GraphQL in the Body tab and write the subscription.',
      { field: 'body' },
    )
  }
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

function clientOptions(upstream: PreparedUpstream): ClientOptions {
  return {
    agent: upstream.policy.agent,
    headers: headerObject(upstream.headers),
    handshakeTimeout: upstream.settings.connectTimeoutMs + 30_000,
    followRedirects: false,
  }
}

const text = (value: unknown) => JSON.stringify(value) ?? 'null'

/**
 * GraphQL subscriptions over a WebSocket: `graphql-transport-ws` with graphql-ws's own client
 * (its socket a `ws` client through the policy agent), or the legacy `graphql-ws` protocol of
 * subscriptions-transport-ws, spoken here (a dozen message types). The operation is the
 * request's GraphQL body; each result is an `event` frame, errors an `error` frame, and the
 * session closes when the server completes the subscription.
 */
export const graphqlAdapter: RealtimeAdapter = {
  async open(open) {
    const operation = operationOf(open)
    const upstream = await prepareUpstream(open)
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
  let wired: ReturnType<typeof wireWebSocket> | undefined
  const options = clientOptions(upstream)
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
  })
  sink.frame({
    dir: 'out',
    type: 'event',
    id: OPERATION_ID,
    size: Buffer.byteLength(text(operation)),
    data: text(operation),
  })
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
        void client.dispose()
      }
    },
    complete: () => {
      sink.frame({
        dir: 'info',
        type: 'event',
        id: OPERATION_ID,
        size: 0,
        data: 'The server completed the subscription.',
      })
      void client.dispose()
    },
  })
  const close = (code?: number, reason?: string) => {
    if (wired && wired.socket.readyState === WebSocket.OPEN) wired.close(code, reason)
    void client.dispose()
  }
  open.signal.addEventListener('abort', () => close(1001, 'The page went away.'), { once: true })
  return {
    send() {
      throw new CourierError(
        'REALTIME_MESSAGE_INVALID',
        'A GraphQL subscription takes no messages; its operation is the body.',
      )
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
  const socket = new WebSocket(upstream.url.href, 'graphql-ws', clientOptions(upstream))
  const wired = wireWebSocket(socket, upstream, sink, open.signal, { showFrames: false })
  const write = (message: Record<string, unknown>) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
  }
  socket.on('open', () => write({ type: 'connection_init', payload: {} }))
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
        sink.frame({
          dir: 'out',
          type: 'event',
          id: OPERATION_ID,
          size: Buffer.byteLength(text(operation)),
          data: text(operation),
        })
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
        sink.frame({
          dir: 'info',
          type: 'event',
          id: OPERATION_ID,
          size: 0,
          data: 'The server completed the subscription.',
        })
        wired.close(1000, 'complete')
        return
      default:
        sink.frame({ dir: 'in', type: 'text', size: raw.length, data: raw.toString('utf8') })
    }
  })
  return {
    send() {
      throw new CourierError(
        'REALTIME_MESSAGE_INVALID',
        'A GraphQL subscription takes no messages; its operation is the body.',
      )
    },
    close(code, reason) {
      write({ id: OPERATION_ID, type: 'stop' })
      write({ type: 'connection_terminate' })
      wired.close(code, reason)
    },
  }
}
