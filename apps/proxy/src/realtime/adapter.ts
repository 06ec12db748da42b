import type { Frame, RealtimeHandshake, RealtimeSpec, RequestSpec } from '@courier/shared'
import type { SendServices, PerformSendInput } from '../send/perform-send.js'
import type { Scope } from '../team/scope.js'
import type { PreparedInfo } from './session-history.js'

/** A frame as an adapter reports it: the session numbers and stamps it (seq, at) and applies the frame cap. */
export type FrameInput = Omit<Frame, 'seq' | 'at' | 'encoding'> & { at?: number; encoding?: Frame['encoding'] }

/** How a session ended; `handshake`: the refused handshake's answer (status, headers) when it never opened. */
export type SessionEnd = {
  code?: number
  reason?: string
  /** `code` from the closed set (error-codes.ts); any other is kept in history as REALTIME_UPSTREAM_ERROR. */
  error?: { code: string; message: string }
  handshake?: RealtimeHandshake
  /**
   * The history entry the adapter kept for the session itself (SSE: the send's entry), when it ends
   * before `open` resolved; the session uses it over `UpstreamSession.historyId`.
   */
  historyId?: string
}

/** Where an adapter reports what happens upstream. Calls after `closed` are ignored. */
export type SessionSink = {
  opened(handshake: RealtimeHandshake): void
  frame(frame: FrameInput): void
  closed(info: SessionEnd): void
  /**
   * The upstream as prepared (prepare-upstream.ts calls it): what the session's history entry is
   * built from and which secrets its stored frames mask. Absent for sessions that keep their own history.
   */
  prepared?(info: PreparedInfo): void
}

/** What the page sent for one session, parsed against the contract. */
export type AdapterOpen = {
  input: PerformSendInput
  realtime: RealtimeSpec
  lastEventId?: string
  sink: SessionSink
  /** Aborted when the page closes the session, or its socket goes away. */
  signal: AbortSignal
  services: SendServices
  scope: Scope
  /** The frame preview cap (Settings › realtime). */
  maxFramePreviewBytes: number
}

/** An open upstream connection. `send` throws a CourierError for a message this kind cannot carry. */
export interface UpstreamSession {
  send(message: { format: 'text' | 'json' | 'binary'; data: string; event?: string; ack?: boolean }): void
  ping?(): void
  close(code?: number, reason?: string): void
  /** Back-pressure: stop reading upstream while the page is behind, and go on. */
  pause?(): void
  resume?(): void
  /** Set by adapters that keep their own history entry (SSE: the send's entry); else the session records its frames. */
  readonly historyId?: () => string | undefined
}

/** One kind of realtime session (websocket, sse, socketio, graphql). */
export interface RealtimeAdapter {
  open(open: AdapterOpen): Promise<UpstreamSession>
}

export type { RequestSpec }
