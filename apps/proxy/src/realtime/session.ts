import type {
  Frame,
  RealtimeClientMessage,
  RealtimeHandshake,
  RealtimeServerMessage,
  RealtimeSettings,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { maskSecrets } from '../send/mask-secrets.js'
import type { SendServices } from '../send/perform-send.js'
import type { Scope } from '../team/scope.js'
import type { FrameInput, RealtimeAdapter, SessionEnd, SessionSink, UpstreamSession } from './adapter.js'
import { SessionHistory, type PreparedInfo } from './session-history.js'

/** The page's end of the socket: what the session manager writes frames to. */
export type PageSocket = {
  send(data: string, callback?: (error?: Error) => void): void
  readonly bufferedAmount: number
}

/** Past this many bytes waiting in the page socket, frames keep batching in memory instead of being written. */
const HIGH_WATER = 4 * 1024 * 1024
/** Past this many bytes of frames waiting for one session, its upstream is paused until the page reads. */
const PAUSE_BYTES = 8 * 1024 * 1024
/** Past this many bytes of frames waiting for one session, further frames are kept in history only, not shown live. */
export const MAX_PENDING_BYTES = 32 * 1024 * 1024

/** Whether the page may open another session: undefined when it may, else why not (the page socket then closes). */
export type AccessCheck = () => Promise<{ code: string; message: string } | undefined>

export type SessionManagerOptions = {
  services: SendServices
  scope: Scope
  adapterFor: (kind: string) => Promise<RealtimeAdapter | undefined>
  /** Sessions one page socket may hold at once. */
  maxSessions: number
  log: { error(details: { err: unknown }, message: string): void }
  /** Team mode: checked again on every `open` (a removal or a sign-out takes effect at once). */
  checkAccess?: AccessCheck
  /** The access check failed: the page socket is closed. */
  onAccessLost?: () => void
  /** Tests shorten these (bytes). */
  highWaterBytes?: number
  maxPendingBytes?: number
}

/** One session: numbering, the frame cap, truncation, its history; the manager carries its frames to the page. */
class Session {
  private seq = 0
  dropped = 0
  /** Frames kept in history but not shown live (the page was too slow); said once in an info frame. */
  notShown = 0
  pending: Frame[] = []
  pendingBytes = 0
  upstream: UpstreamSession | undefined
  paused = false
  closed = false
  /** The page's close while the session was still connecting: applied once the upstream is there. */
  closeAsked: { code?: number; reason?: string } | undefined
  /** The secret variables' values of the request: shown to the page as `{{name}}`, as /api/send does. */
  secrets: { name: string; value: string }[] = []
  /** Set before the adapter opens (Settings › realtime). */
  limits!: RealtimeSettings
  readonly abort = new AbortController()
  readonly history: SessionHistory

  constructor(
    readonly id: string,
    history: SessionHistory,
  ) {
    this.history = history
  }

  /** A note of Courier's for the page only (numbered in the session's order, not kept in history). */
  note(data: string): Frame {
    return { seq: ++this.seq, at: Date.now(), dir: 'info', type: 'error', size: 0, data, encoding: 'utf8' }
  }

  /** What the page is shown: every secret variable's value as `{{name}}`. */
  masked<T>(value: T): T {
    return this.secrets.length ? maskSecrets(value, this.secrets) : value
  }

  /** Numbers, stamps, truncates and keeps one frame; false when it was dropped past the cap. */
  accept(input: FrameInput): Frame | undefined {
    if (this.seq >= this.limits.maxFrames) {
      this.dropped++
      return undefined
    }
    // Adapters hand over a fresh object per frame: it is completed in place (a copy per frame shows in profiles).
    const frame = input as Frame
    frame.seq = ++this.seq
    frame.at ??= Date.now()
    frame.encoding ??= 'utf8'
    const cut = truncate(frame.data, frame.encoding, this.limits.maxFramePreviewBytes)
    if (cut !== frame.data) {
      frame.data = cut
      frame.truncated = true
    }
    return frame
  }
}

/** `data` cut to `max` payload bytes (base64 counted as the bytes it encodes). */
export function truncate(data: string, encoding: Frame['encoding'], max: number): string {
  if (encoding === 'base64') {
    const chars = Math.floor(max / 3) * 4
    return data.length > chars ? data.slice(0, chars) : data
  }
  if (data.length <= max / 3 || Buffer.byteLength(data) <= max) return data
  // A cut inside a multi-byte character decodes as U+FFFD: that half character is left out.
  return Buffer.from(data, 'utf8')
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD$/, '')
}

/**
 * The sessions of one page socket: opens each through its kind's adapter, carries frames to the
 * page in batches (one `frames` message per session per event-loop turn, as history's group commit:
 * setImmediate, no timer), holds them while the page socket is backed up, keeps each session in
 * history when it ends, and closes every upstream when the page goes.
 */
export class SessionManager {
  private readonly sessions = new Map<string, Session>()
  private scheduled = false
  private waitingForDrain = false
  private gone = false
  private readonly highWater: number
  private readonly maxPending: number

  constructor(
    private readonly page: PageSocket,
    private readonly options: SessionManagerOptions,
  ) {
    this.highWater = options.highWaterBytes ?? HIGH_WATER
    this.maxPending = options.maxPendingBytes ?? MAX_PENDING_BYTES
  }

  /** Writes one message to the page; a send finishing while frames wait resumes the batching. */
  private write(message: RealtimeServerMessage): void {
    if (this.gone) return
    this.page.send(JSON.stringify(message), () => {
      if (this.waitingForDrain && this.page.bufferedAmount < this.highWater) {
        this.waitingForDrain = false
        this.schedule()
      }
    })
  }

  error(sessionId: string | undefined, code: string, message: string): void {
    this.write({ type: 'error', ...(sessionId ? { sessionId } : {}), error: { code, message } })
  }

  private schedule(): void {
    if (this.scheduled || this.gone) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.flush()
    })
  }

  private flush(): void {
    if (this.page.bufferedAmount >= this.highWater) {
      // The next write callback (the socket drained some) schedules the flush again.
      this.waitingForDrain = true
      return
    }
    for (const session of this.sessions.values()) this.flushSession(session)
  }

  private flushSession(session: Session): void {
    if (session.notShown > 0) {
      const count = session.notShown
      session.notShown = 0
      session.pending.push(
        session.note(
          `${count} ${count === 1 ? 'frame' : 'frames'} not shown live: the page was too slow (history keeps them).`,
        ),
      )
    }
    if (session.pending.length === 0) return
    const frames = session.pending
    session.pending = []
    session.pendingBytes = 0
    this.write({ type: 'frames', sessionId: session.id, frames })
    if (session.paused) {
      session.paused = false
      session.upstream?.resume?.()
    }
  }

  private sinkFor(session: Session): SessionSink & { prepared(info: PreparedInfo): void } {
    return {
      prepared: (info) => {
        session.secrets = info.secretVariables
        session.history.prepared(info)
      },
      opened: (handshake: RealtimeHandshake) => {
        if (session.closed) return
        session.history.opened(handshake)
        // The URL and headers as sent carry resolved secret variables: the page sees `{{name}}`.
        this.write({ type: 'opened', sessionId: session.id, handshake: session.masked(handshake) })
      },
      frame: (input) => {
        if (session.closed) return
        // Courier's own notes ("Connected to …", errors) may name the URL as sent.
        if (input.dir === 'info') {
          input.data = session.masked(input.data)
          if (input.reason !== undefined) input.reason = session.masked(input.reason)
        }
        const frame = session.accept(input)
        if (!frame) return
        session.history.frame(frame, input.size)
        if (session.pendingBytes > this.maxPending) {
          // The page cannot keep up and the upstream cannot wait: history keeps the frame, the page is told.
          session.notShown++
          return
        }
        session.pending.push(frame)
        session.pendingBytes += frame.data.length
        if (
          session.pendingBytes > Math.min(PAUSE_BYTES, this.maxPending / 4) &&
          !session.paused &&
          session.upstream?.pause
        ) {
          session.paused = true
          session.upstream.pause()
        }
        this.schedule()
      },
      closed: (info) => void this.finish(session, info),
    }
  }

  async handle(message: RealtimeClientMessage): Promise<void> {
    if (message.type === 'hello')
      return this.error(undefined, 'REALTIME_MESSAGE_INVALID', 'This page already said hello.')
    if (message.type === 'open') return this.open(message)
    const session = this.sessions.get(message.sessionId)
    if (!session || session.closed) {
      return this.error(
        message.sessionId,
        'REALTIME_SESSION_UNKNOWN',
        'That session is not open (it closed, or was never opened).',
      )
    }
    if (message.type === 'close' && !session.upstream) {
      // Still connecting: the open is aborted, and an upstream that arrives anyway is closed at once.
      session.closeAsked = {
        ...(message.code !== undefined ? { code: message.code } : {}),
        ...(message.reason !== undefined ? { reason: message.reason } : {}),
      }
      session.abort.abort()
      return
    }
    if (!session.upstream)
      return this.error(session.id, 'REALTIME_NOT_OPEN', 'The session is still connecting; send again once it is open.')
    try {
      if (message.type === 'close') {
        session.upstream.close(message.code, message.reason)
      } else if (message.type === 'ping') {
        if (!session.upstream.ping)
          throw new CourierError('REALTIME_MESSAGE_INVALID', 'This kind of session has no ping.')
        session.upstream.ping()
      } else {
        session.upstream.send({
          format: message.format,
          data: message.data,
          ...(message.event !== undefined ? { event: message.event } : {}),
          ...(message.ack !== undefined ? { ack: message.ack } : {}),
        })
      }
    } catch (error) {
      if (message.type === 'close' && !(error instanceof CourierError)) {
        // `ws` refuses some codes and reasons; the page hears why, the session stays as it was.
        const why = error instanceof Error ? ` (${error.message})` : ''
        return this.error(
          session.id,
          'REALTIME_MESSAGE_INVALID',
          `The upstream cannot be closed with that code or reason${why}.`,
        )
      }
      const { code, message: sentence } = asProblem(error)
      if (code === 'INTERNAL') this.options.log.error({ err: error }, 'realtime message failed')
      this.error(session.id, code, sentence)
    }
  }

  /** A session that ends before anything connected: nothing is kept, the page hears `closed`. */
  private abandon(session: Session, problem?: { code: string; message: string }): void {
    if (session.closed) return
    session.closed = true
    this.sessions.delete(session.id)
    session.history.discard()
    if (problem) this.error(session.id, problem.code, problem.message)
    this.write({ type: 'closed', sessionId: session.id, droppedFrames: 0 })
  }

  /** The page closed the session, or went away, while it was connecting. */
  private stopped(session: Session): boolean {
    return this.gone || session.abort.signal.aborted
  }

  /**
   * Opens one session. It is in the map before the first await, so a second open with its id is
   * refused and a close while it connects aborts it; nothing here holds up the page's other messages.
   */
  private async open(message: Extract<RealtimeClientMessage, { type: 'open' }>): Promise<void> {
    const { sessionId } = message
    if (this.sessions.has(sessionId))
      return this.error(sessionId, 'REALTIME_MESSAGE_INVALID', 'A session with this id is already open.')
    const open = [...this.sessions.values()].filter((s) => !s.closed).length
    if (open >= this.options.maxSessions) {
      return this.error(
        sessionId,
        'REALTIME_TOO_MANY_SESSIONS',
        `A page can hold ${this.options.maxSessions} realtime sessions at once; close one first.`,
      )
    }
    const realtime = message.input.request.realtime
    if (!realtime)
      return this.error(
        sessionId,
        'REALTIME_MESSAGE_INVALID',
        'The request has no realtime settings (request.realtime).',
      )
    const { services, scope } = this.options
    const input = message.input
    const session = new Session(sessionId, new SessionHistory(input.request, services, scope))
    this.sessions.set(sessionId, session)
    try {
      const refused = await this.options.checkAccess?.()
      if (refused) {
        this.abandon(session, refused)
        this.options.onAccessLost?.()
        return
      }
      const adapter = await this.options.adapterFor(realtime.kind)
      if (!adapter) {
        return this.abandon(session, {
          code: 'REALTIME_UNSUPPORTED',
          message: `${realtime.kind} sessions are not available on this server yet.`,
        })
      }
      session.limits = (await services.settings.get()).realtime
      if (this.stopped(session)) return this.abandon(session)
      const upstream = await adapter.open({
        input,
        realtime,
        ...(message.lastEventId !== undefined ? { lastEventId: message.lastEventId } : {}),
        sink: this.sinkFor(session),
        signal: session.abort.signal,
        services,
        scope,
        maxFramePreviewBytes: session.limits.maxFramePreviewBytes,
      })
      session.upstream = upstream
      if (this.stopped(session)) {
        const asked = this.gone ? undefined : session.closeAsked
        if (asked) upstream.close(asked.code, asked.reason)
        else upstream.close(1001, 'The page went away.')
      }
    } catch (error) {
      const problem = asProblem(error)
      if (problem.code === 'INTERNAL') this.options.log.error({ err: error }, 'realtime open failed')
      // Refused before anything connected (a bad URL, an unknown variable): nothing to keep.
      // Stopped by the page: no error to report, only the end.
      this.abandon(session, session.abort.signal.aborted ? undefined : session.masked(problem))
    }
  }

  private async finish(session: Session, info: SessionEnd): Promise<void> {
    if (session.closed) return
    session.closed = true
    this.flushSession(session)
    if (info.error) {
      const shown = session.masked(info.error)
      this.error(session.id, shown.code, shown.message)
    }
    // An adapter keeping its own entry says so in `closed` (it may end before open resolved), or on the upstream.
    const ownHistory = info.historyId !== undefined ? () => info.historyId : session.upstream?.historyId
    let historyId: string | undefined
    try {
      historyId = ownHistory ? ownHistory() : await session.history.keep(info, session.dropped)
    } catch (error) {
      this.options.log.error({ err: error }, 'realtime history append failed')
    }
    if (!ownHistory) session.history.discard()
    this.sessions.delete(session.id)
    this.write({
      type: 'closed',
      sessionId: session.id,
      ...(info.code !== undefined ? { code: info.code } : {}),
      ...(info.reason !== undefined ? { reason: session.masked(info.reason) } : {}),
      ...(historyId ? { historyId } : {}),
      droppedFrames: session.dropped,
    })
  }

  /** The page socket went away: every upstream closes (their sessions are still kept in history). */
  closeAll(): void {
    this.gone = true
    for (const session of this.sessions.values()) {
      if (session.upstream) session.upstream.close(1001, 'The page went away.')
      session.abort.abort()
    }
  }

  get openSessions(): number {
    return this.sessions.size
  }
}

/** A code and sentence for the page, whatever was thrown. */
export function asProblem(error: unknown): { code: string; message: string } {
  if (error instanceof CourierError) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: 'The realtime session failed unexpectedly.' }
}
