import {
  REALTIME_PATH,
  RealtimeServerMessageSchema,
  type RealtimeClientMessage,
  type RealtimeServerMessage,
} from '@courier/shared'
import { currentWorkspace } from '../../shared/api/current-workspace'
import { pageToken } from '../../shared/api/proxy-client'

type Listener = (message: RealtimeServerMessage) => void
type SessionMessage = Exclude<RealtimeClientMessage, { type: 'hello' }>

const LOST =
  'The connection to Courier was lost, so this session was closed; Connect opens it again once Courier answers.'
const REFUSED = 'Courier did not open its realtime connection; reload the page, or sign in again if your session ended.'

/**
 * ws: or wss: to this page's own origin; in team mode the workspace rides as `?workspace=` (a WebSocket
 * cannot set the header every other call carries).
 */
export function realtimeUrl(
  location: Pick<Location, 'protocol' | 'host'> = window.location,
  workspace: string | null = currentWorkspace(),
): string {
  const query = workspace ? `?workspace=${encodeURIComponent(workspace)}` : ''
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${REALTIME_PATH}${query}`
}

/**
 * The page's one WebSocket to Courier: `hello` with the CSRF token, then `ready`; messages wait in a
 * queue until then. If it drops it is opened again with backoff, and the sessions open on it are
 * told they closed (their upstream connections went with it).
 */
export class RealtimeClient {
  private socket: WebSocket | null = null
  private ready = false
  private queue: SessionMessage[] = []
  private readonly listeners = new Map<string, Listener>()
  private attempt = 0
  private retryTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly url: () => string = () => realtimeUrl(),
    private readonly token: () => string = pageToken,
  ) {}

  /** Messages for this session go to `listener` until it is removed. */
  listen(sessionId: string, listener: Listener): () => void {
    this.listeners.set(sessionId, listener)
    return () => {
      if (this.listeners.get(sessionId) === listener) this.listeners.delete(sessionId)
    }
  }

  send(message: SessionMessage): void {
    if (this.ready && this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message))
      return
    }
    this.queue.push(message)
    if (this.retryTimer) {
      clearTimeout(this.retryTimer)
      this.retryTimer = null
    }
    this.connect()
  }

  private connect(): void {
    if (this.socket || this.retryTimer) return
    const socket = new WebSocket(this.url())
    this.socket = socket
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'hello', token: this.token() })))
    socket.addEventListener('message', (event) => this.receive(event.data))
    socket.addEventListener('close', () => this.dropped(socket))
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return
    let parsed
    try {
      parsed = RealtimeServerMessageSchema.safeParse(JSON.parse(data))
    } catch {
      return
    }
    if (!parsed.success) return
    const message = parsed.data
    if (message.type === 'ready') {
      this.ready = true
      this.attempt = 0
      const queued = this.queue
      this.queue = []
      for (const next of queued) this.socket?.send(JSON.stringify(next))
      return
    }
    if (message.type === 'error' && !message.sessionId) {
      // Refused as a whole (the hello): every waiting session hears why.
      for (const listener of [...this.listeners.values()]) listener(message)
      return
    }
    this.listeners.get(message.sessionId!)?.(message)
  }

  private dropped(socket: WebSocket): void {
    if (this.socket !== socket) return
    const wasReady = this.ready
    this.socket = null
    this.ready = false
    this.queue = []
    for (const [sessionId, listener] of [...this.listeners])
      listener({ type: 'closed', sessionId, reason: wasReady ? LOST : REFUSED, droppedFrames: 0 })
    this.listeners.clear()
    if (!wasReady) return
    // The page socket comes back by itself (with backoff), ready for the next Connect.
    const delay = Math.min(10_000, 500 * 2 ** this.attempt++)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.connect()
    }, delay)
  }
}

let shared: RealtimeClient | null = null

/** The page's client, made on first use. */
export function realtimeClient(): RealtimeClient {
  shared ??= new RealtimeClient()
  return shared
}
