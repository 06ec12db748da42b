import type { ClientRequest, IncomingMessage } from 'node:http'
import type { Pair, RealtimeHandshake } from '@courier/shared'
import WebSocket from 'ws'
import { CourierError } from '../errors.js'
import type { RealtimeAdapter, SessionSink, UpstreamSession } from './adapter.js'
import { encodeOutgoing, upstreamFailure } from './messages.js'
import { prepareUpstream } from './prepare-upstream.js'
import { checkSubprotocols, FRAME_TOO_LARGE, frameTooLargeSentence, wsClientOptions } from './ws-options.js'

const BODY_SNIPPET = 4096

/** A raw header list (name, value, name, value…) as pairs. */
export function pairsOf(raw: readonly string[]): Pair[] {
  const pairs: Pair[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

/** The headers Node wrote on the handshake request, in order. */
export function requestHeadersOf(request: ClientRequest | undefined): Pair[] {
  if (!request) return []
  return request.getRawHeaderNames().map((name): Pair => {
    const value = request.getHeader(name)
    return [name, Array.isArray(value) ? value.join(', ') : String(value)]
  })
}

function readSnippet(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, BODY_SNIPPET))
    response.on('data', (chunk: Buffer) => {
      if (size < BODY_SNIPPET) chunks.push(chunk)
      size += chunk.length
      if (size >= BODY_SNIPPET) {
        response.destroy()
        done()
      }
    })
    response.on('end', done)
    response.on('error', done)
    response.on('close', done)
  })
}

/**
 * A WebSocket session: the `ws` client through the policy agent, with the request's headers,
 * cookies and auth and the spec's subprotocols; text and binary frames both ways, pings and
 * pongs shown, the close code and reason; a refused handshake (401, 404…) reported with its
 * status, headers and the start of its body.
 */
export const websocketAdapter: RealtimeAdapter = {
  async open(open) {
    // `ws` throws on a subprotocol that is no token, or is named twice: refused before anything connects.
    checkSubprotocols(open.realtime.subprotocols ?? [])
    const upstream = await prepareUpstream(open)
    const { sink } = open
    const socket = new WebSocket(upstream.url.href, open.realtime.subprotocols, wsClientOptions(upstream))
    return wireWebSocket(socket, upstream, sink, open.signal)
  },
}

type Wired = Pick<
  Awaited<ReturnType<typeof prepareUpstream>>,
  'url' | 'headers' | 'policy' | 'resolveMessage' | 'receiveCookies'
>

/** Reports one `ws` client's handshake, frames and end to the session's sink (GraphQL's legacy protocol uses it too). */
export function wireWebSocket(
  socket: WebSocket,
  upstream: Wired,
  sink: SessionSink,
  signal: AbortSignal,
  options: { showFrames?: boolean } = {},
): UpstreamSession & { socket: WebSocket } {
  const showFrames = options.showFrames ?? true
  let handshake: RealtimeHandshake | undefined
  let failure: { code: CourierError['code']; message: string } | undefined
  let closedByPage = false
  let refused: RealtimeHandshake | undefined

  const handshakeOf = (response: IncomingMessage): RealtimeHandshake => {
    const written = requestHeadersOf((response as IncomingMessage & { req?: ClientRequest }).req)
    return {
      url: upstream.url.href,
      status: response.statusCode ?? 0,
      statusText: response.statusMessage ?? '',
      requestHeaders: written.length ? written : upstream.headers,
      responseHeaders: pairsOf(response.rawHeaders),
      ...(upstream.policy.trace.remoteAddress ? { remoteAddress: upstream.policy.trace.remoteAddress } : {}),
    }
  }

  socket.on('upgrade', (response) => {
    handshake = handshakeOf(response)
    void upstream.receiveCookies(handshake.responseHeaders).catch(() => {})
  })
  socket.on('unexpected-response', (request, response) => {
    refused = handshakeOf(response)
    void readSnippet(response).then((body) => {
      const status = `${response.statusCode} ${response.statusMessage ?? ''}`.trim()
      failure = {
        code: 'REALTIME_HANDSHAKE_FAILED',
        message: `The server answered the handshake with ${status} instead of switching to WebSocket.`,
      }
      sink.frame({
        dir: 'info',
        type: 'error',
        size: Buffer.byteLength(body),
        data: JSON.stringify({
          status: response.statusCode,
          statusText: response.statusMessage,
          headers: refused!.responseHeaders,
          body,
        }),
      })
      request.destroy()
      sink.closed({ code: 1002, reason: `HTTP ${status}`, error: failure, handshake: refused })
    })
  })
  socket.on('open', () => {
    const opened: RealtimeHandshake = {
      ...(handshake ?? { url: upstream.url.href, requestHeaders: upstream.headers, responseHeaders: [] }),
      ...(socket.protocol ? { protocol: socket.protocol } : {}),
    }
    sink.opened(opened)
    sink.frame({ dir: 'info', type: 'open', size: 0, data: `Connected to ${upstream.url.href}` })
  })
  if (showFrames) {
    socket.on('message', (data: Buffer, isBinary) => {
      sink.frame(
        isBinary
          ? { dir: 'in', type: 'binary', size: data.length, data: data.toString('base64'), encoding: 'base64' }
          : { dir: 'in', type: 'text', size: data.length, data: data.toString('utf8') },
      )
    })
  }
  socket.on('ping', (data: Buffer) => {
    sink.frame({ dir: 'in', type: 'ping', size: data.length, data: data.toString('utf8') })
    // `ws` answers every ping with a pong carrying the same payload.
    sink.frame({ dir: 'out', type: 'pong', size: data.length, data: data.toString('utf8') })
  })
  socket.on('pong', (data: Buffer) => {
    sink.frame({ dir: 'in', type: 'pong', size: data.length, data: data.toString('utf8') })
  })
  let tooLarge = false
  socket.on('error', (error: Error & { code?: string }) => {
    if (refused || closedByPage) return
    if (error.code === FRAME_TOO_LARGE && !failure) {
      tooLarge = true
      failure = { code: 'REALTIME_UPSTREAM_ERROR', message: frameTooLargeSentence() }
      sink.frame({ dir: 'info', type: 'error', size: 0, data: failure.message })
      return
    }
    failure ??= upstreamFailure(error, upstream.policy)
  })
  socket.on('close', (closeCode, reasonBuffer) => {
    if (refused) return
    // `ws` closed it with 1009 itself (Message Too Big); the server's echo may never come.
    const code = tooLarge ? 1009 : closeCode
    const reason = tooLarge ? 'Message Too Big' : reasonBuffer.toString('utf8')
    sink.frame({ dir: 'info', type: 'close', size: Buffer.byteLength(reason), data: reason, code, reason })
    sink.closed({ code, reason, ...(failure && !closedByPage ? { error: failure } : {}) })
  })
  const close = (code?: number, reason?: string) => {
    closedByPage = true
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate()
    else if (socket.readyState === WebSocket.OPEN) socket.close(code ?? 1000, reason)
  }
  signal.addEventListener('abort', () => close(1001, 'The page went away.'), { once: true })

  const assertOpen = () => {
    if (socket.readyState !== WebSocket.OPEN)
      throw new CourierError('REALTIME_NOT_OPEN', 'The WebSocket is not open; connect first.')
  }
  return {
    socket,
    send(message) {
      assertOpen()
      const frame = encodeOutgoing(message, upstream.resolveMessage)
      socket.send(frame.payload, { binary: frame.binary })
      sink.frame(frame.shown)
    },
    ping() {
      assertOpen()
      socket.ping()
      sink.frame({ dir: 'out', type: 'ping', size: 0, data: '' })
    },
    close,
    pause: () => socket.pause(),
    resume: () => socket.resume(),
  }
}
