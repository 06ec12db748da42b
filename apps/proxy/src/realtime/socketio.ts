import type { IncomingMessage } from 'node:http'
import type { Pair } from '@courier/shared'
import { io, NodeWebSocket, type ManagerOptions, type SocketOptions } from 'socket.io-client'
import WebSocket from 'ws'
import { CourierError } from '../errors.js'
import type { RealtimeAdapter } from './adapter.js'
import { parseJson, upstreamFailure } from './messages.js'
import { prepareUpstream, type PreparedUpstream } from './prepare-upstream.js'
import { pairsOf } from './websocket.js'
import { FRAME_TOO_LARGE, frameTooLargeSentence, wsClientOptions } from './ws-options.js'

/** How long an emitted event waits for its acknowledgement. */
export const ACK_TIMEOUT_MS = 10_000

const json = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? 'null'
  } catch {
    return String(value)
  }
}

/** The Socket.IO handshake as the server answered it: its status and headers. */
type Answer = { status: number; statusText: string; headers: Pair[] }

/**
 * engine.io's WebSocket transport, its `ws` client opened with Courier's options (the policy
 * agent, no redirects, the frame size limit) and its handshake answer reported (Set-Cookie goes
 * to the jar). The only transport a session has: HTTP long-polling would send the request's
 * headers through an XMLHttpRequest that follows redirects on its own, past the destination policy.
 */
function policyTransport(upstream: PreparedUpstream, answered: (answer: Answer) => void, tooLarge: () => void) {
  const options = wsClientOptions(upstream)
  return class PolicyWebSocketTransport extends NodeWebSocket {
    override createSocket(uri: string, protocols: string | string[] | undefined) {
      const socket = new WebSocket(uri, protocols, options)
      socket.on('upgrade', (response: IncomingMessage) =>
        answered({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: pairsOf(response.rawHeaders),
        }),
      )
      socket.on('error', (error: Error & { code?: string }) => {
        if (error.code === FRAME_TOO_LARGE) tooLarge()
      })
      return socket
    }
  }
}

/** Why the connection failed, said for a person: a server that refused the WebSocket transport is told apart. */
function connectFailure(error: Error & { description?: unknown }, upstream: PreparedUpstream) {
  // engine.io's description: the `ws` error itself, or its ErrorEvent (which holds it as `error`).
  const described = error.description as { error?: unknown } | undefined
  const cause =
    error.description instanceof Error ? error.description : described?.error instanceof Error ? described.error : error
  if ((cause as Error & { code?: string }).code === FRAME_TOO_LARGE) {
    return { code: 'REALTIME_UPSTREAM_ERROR' as const, message: frameTooLargeSentence() }
  }
  const status = /Unexpected server response: (\d+)/.exec(cause.message)?.[1]
  if (status && !upstream.policy.failure()) {
    return {
      code: 'REALTIME_HANDSHAKE_FAILED' as const,
      message: `The server answered Socket.IO's WebSocket handshake with HTTP ${status}. Courier's Socket.IO connects over WebSocket only (no HTTP long-polling); the server must allow the websocket transport.`,
    }
  }
  return upstreamFailure(cause, upstream.policy)
}

/**
 * A Socket.IO (v4) session: socket.io-client over WebSocket only (through the policy agent; no
 * long-polling, no upgrade), the request's headers, auth and cookies on the handshake, the spec's engine
 * path and namespace; named events emitted with their arguments (optionally acknowledged), the
 * listened-to events (every event when none are named) as `event` frames.
 */
export const socketioAdapter: RealtimeAdapter = {
  async open(open) {
    const upstream = await prepareUpstream(open)
    const { sink, realtime } = open
    const url = new URL(upstream.url.href)
    if (url.protocol === 'ws:' || url.protocol === 'wss:') url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:'
    const namespace = realtime.namespace && realtime.namespace !== '/' ? realtime.namespace : url.pathname
    const target = `${url.origin}${namespace.startsWith('/') ? namespace : `/${namespace}`}${url.search}`
    const bearer = upstream.sent.auth.type === 'bearer' ? upstream.sent.auth.token : undefined
    let handshake: Answer | undefined
    let frameTooLarge = false
    const options: Partial<ManagerOptions & SocketOptions> = {
      forceNew: true,
      reconnection: false,
      path: realtime.socketioPath || '/socket.io',
      // WebSocket only: engine.io upgrades only to a transport listed here, and reconnection is off.
      transports: [
        policyTransport(
          upstream,
          (answer) => {
            handshake = answer
            void upstream.receiveCookies(answer.headers).catch(() => {})
          },
          () => (frameTooLarge = true),
        ),
      ],
      upgrade: false,
      tryAllTransports: false,
      ...(bearer ? { auth: { token: bearer } } : {}),
      timeout: upstream.settings.connectTimeoutMs + 10_000,
    }
    const socket = io(target, options)
    let ended = false
    const end = (info: Parameters<typeof sink.closed>[0]) => {
      if (ended) return
      ended = true
      sink.closed(info)
    }

    socket.on('connect', () => {
      const transport = socket.io.engine.transport.name
      sink.opened({
        url: target,
        ...(handshake ? { status: handshake.status, statusText: handshake.statusText } : {}),
        requestHeaders: upstream.headers,
        responseHeaders: handshake?.headers ?? [],
        ...(upstream.policy.trace.remoteAddress ? { remoteAddress: upstream.policy.trace.remoteAddress } : {}),
      })
      sink.frame({ dir: 'info', type: 'open', size: 0, data: `Connected to ${target} (id ${socket.id}, ${transport})` })
    })
    socket.on('disconnect', (reason) => {
      if (frameTooLarge) {
        const message = frameTooLargeSentence()
        sink.frame({ dir: 'info', type: 'error', size: 0, data: message })
        sink.frame({ dir: 'info', type: 'close', size: 0, data: `Disconnected: ${reason}`, code: 1009, reason })
        end({ code: 1009, reason, error: { code: 'REALTIME_UPSTREAM_ERROR', message } })
        return
      }
      sink.frame({ dir: 'info', type: 'close', size: 0, data: `Disconnected: ${reason}`, reason })
      end({ reason })
    })
    socket.on('connect_error', (error: Error & { description?: unknown }) => {
      const failure = connectFailure(error, upstream)
      sink.frame({ dir: 'info', type: 'error', size: 0, data: failure.message })
      socket.close()
      end({ reason: 'connect_error', error: failure })
    })
    const onEvent = (event: string, args: unknown[]) => {
      const data = json(args)
      sink.frame({ dir: 'in', type: 'event', event, size: Buffer.byteLength(data), data })
    }
    if (realtime.listen.length === 0) socket.onAny((event: string, ...args: unknown[]) => onEvent(event, args))
    else for (const name of realtime.listen) socket.on(name, (...args: unknown[]) => onEvent(name, args))

    const close = () => {
      socket.disconnect()
      if (!socket.connected) end({ reason: 'closed before connecting' })
    }
    open.signal.addEventListener('abort', close, { once: true })

    return {
      send(message) {
        if (!socket.connected) throw new CourierError('REALTIME_NOT_OPEN', 'Socket.IO is not connected yet.')
        const event = upstream.resolveMessage(message.event ?? '').text.trim()
        if (!event) throw new CourierError('REALTIME_MESSAGE_INVALID', 'Name the event to emit.')
        let args: unknown[]
        let shownArgs: unknown[]
        if (message.format === 'binary') {
          args = [Buffer.from(message.data, 'base64')]
          shownArgs = args
        } else {
          const { text, shown } = upstream.resolveMessage(message.data)
          if (message.format === 'json') {
            const parsed = parseJson(text)
            args = Array.isArray(parsed) ? parsed : [parsed]
            const parsedShown = parseJson(shown)
            shownArgs = Array.isArray(parsedShown) ? parsedShown : [parsedShown]
          } else {
            args = [text]
            shownArgs = [shown]
          }
        }
        const data = json(shownArgs)
        sink.frame({ dir: 'out', type: 'event', event, size: Buffer.byteLength(json(args)), data })
        if (!message.ack) {
          socket.emit(event, ...args)
          return
        }
        const ackTimeout = upstream.settings.timeoutMs > 0 ? upstream.settings.timeoutMs : ACK_TIMEOUT_MS
        socket.timeout(ackTimeout).emit(event, ...args, (error: Error | null, ...answer: unknown[]) => {
          if (error) {
            sink.frame({
              dir: 'info',
              type: 'error',
              event,
              size: 0,
              data: `No acknowledgement of ${event} within ${ackTimeout / 1000} s (the request's timeout).`,
            })
            return
          }
          const shown = json(answer)
          sink.frame({ dir: 'in', type: 'ack', event, size: Buffer.byteLength(shown), data: shown })
        })
      },
      close,
    }
  },
}
