import type { Frame, RealtimeHandshake, RealtimeSpec, RequestSpec } from '@courier/shared'
import type { SendServices, PerformSendInput } from '../send/perform-send.js'
import type { Scope } from '../team/scope.js'

/** A frame as an adapter reports it: the session numbers and stamps it (seq, at) and applies the frame cap. */
export type FrameInput = Omit<Frame, 'seq' | 'at' | 'encoding'> & { at?: number; encoding?: Frame['encoding'] }

/** Where an adapter reports what happens upstream. Calls after `closed` are ignored. */
export type SessionSink = {
  opened(handshake: RealtimeHandshake): void
  frame(frame: FrameInput): void
  closed(info: { code?: number; reason?: string; error?: { code: string; message: string } }): void
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
  /** Set by adapters that keep their own history entry (SSE: the send's entry); else the session records its frames. */
  readonly historyId?: () => string | undefined
}

/** One kind of realtime session (websocket, sse, socketio, graphql). */
export interface RealtimeAdapter {
  open(open: AdapterOpen): Promise<UpstreamSession>
}

export type { RequestSpec }
