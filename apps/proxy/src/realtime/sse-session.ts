import { setTimeout as sleep } from 'node:timers/promises'
import {
  formatBytes,
  headerValue,
  isEventStreamContentType,
  SseParser,
  type RealtimeHandshake,
  type ResponseRecord,
  type SseEvent,
} from '@courier/shared'
import type { ResponseHead } from '../engine/exchange.js'
import { CourierError } from '../errors.js'
import { performSend, type PerformSendInput } from '../send/perform-send.js'
import type { AdapterOpen, RealtimeAdapter, UpstreamSession } from './adapter.js'
import { truncate } from './session.js'

/** EventSource's reconnection time until the stream sets its own with `retry` (HTML §9.2.3). */
export const DEFAULT_RETRY_MS = 3000
/** A stream's `retry` is kept within these: 0 would reconnect in a tight loop, a huge one overflow the timer. */
export const MIN_RETRY_MS = 1000
export const MAX_RETRY_MS = 60 * 60 * 1000
/** Reconnects that get no answer back off from DEFAULT_RETRY_MS, doubling up to this… */
export const MAX_BACKOFF_MS = 60_000
/** …and give up after this many in a row. */
export const MAX_UNANSWERED = 10

/** A `retry:` value as a delay Courier waits. */
export function clampRetry(ms: number): number {
  return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, ms))
}

export type SseAdapterOptions = {
  /** Waits before a reconnect; rejects when `signal` aborts. Real time unless a test injects its own. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * Server-sent events through a normal send (auth, variables, cookies, destination policy, history):
 * each connection is one history entry with the stream byte-exact; events are parsed as the body
 * arrives. When the stream ends it reconnects after the server's `retry` with Last-Event-ID, as
 * EventSource does (https://html.spec.whatwg.org/multipage/server-sent-events.html), until stopped
 * or answered with anything but a 200 event stream (204 included).
 */
export function createSseAdapter(options: SseAdapterOptions = {}): RealtimeAdapter {
  const wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal }).then(() => {}))
  return { open: (open) => openSse(open, wait) }
}

export const sseAdapter: RealtimeAdapter = createSseAdapter()
export default sseAdapter

/** What one connection did: its record, and whether its answer was an event stream. */
type Connection = { record: ResponseRecord; stream: boolean; head: ResponseHead | undefined }

async function openSse(open: AdapterOpen, wait: NonNullable<SseAdapterOptions['wait']>): Promise<UpstreamSession> {
  const { sink } = open
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  if (open.signal.aborted) stop.abort()
  open.signal.addEventListener('abort', onAbort, { once: true })
  let lastEventId = open.lastEventId ?? ''
  let retryMs = DEFAULT_RETRY_MS
  let historyId: string | undefined

  const connect = (attempt: number) => {
    const parser = new SseParser(lastEventId)
    let stream = false
    let head: ResponseHead | undefined
    let answered: () => void = () => {}
    const headArrived = new Promise<void>((resolve) => (answered = resolve))
    let headReported = false
    const reportHead = (arrived: ResponseHead) => {
      headReported = true
      if (attempt === 1) sink.opened(handshakeOf(arrived))
      else sink.frame({ dir: 'info', type: 'open', size: 0, data: `Reconnected: ${statusOf(arrived)}.` })
      answered()
    }
    const report = (events: SseEvent[]) => {
      for (const event of events) sink.frame(eventFrame(event, open.maxFramePreviewBytes))
      lastEventId = parser.lastEventId
      if (parser.retry !== undefined) retryMs = clampRetry(parser.retry)
    }
    const done = performSend(withStreamHeaders(open.input, lastEventId), open.services, {
      scope: open.scope,
      signal: stop.signal,
      openEnded: true,
      onResponseHead: (arrived) => {
        head = arrived
        // A redirect is usually followed: its target's answer is the stream, reported then.
        if (REDIRECTS.has(arrived.status) && headerValue(arrived.headers, 'location')) {
          sink.frame({ dir: 'info', type: 'open', size: 0, data: redirectSentence(arrived) })
          return
        }
        stream = arrived.status === 200 && isEventStreamContentType(headerValue(arrived.headers, 'content-type'))
        reportHead(arrived)
      },
      onBodyChunk: (chunk) => {
        if (stream) report(parser.push(chunk))
      },
    }).then((outcome): Connection => {
      if (stream) report(parser.end())
      // A redirect that was not followed is the answer after all.
      if (head && !headReported) reportHead(head)
      // A send cancelled before any answer is not kept; anything else is the connection's history entry.
      if (outcome.record.error?.code !== 'ABORTED' || outcome.record.partial) historyId = outcome.record.id
      return { record: outcome.record, stream, head }
    })
    return { headArrived, done }
  }

  const first = connect(1)
  // Refused before anything was sent (a bad URL, an unknown variable): open throws, nothing is kept.
  const firstDone = await Promise.race([first.headArrived.then(() => undefined), first.done]).catch((error) => {
    open.signal.removeEventListener('abort', onAbort)
    throw error
  })

  const run = async () => {
    let connection = firstDone ?? (await first.done)
    // Reconnects in a row that got no answer at all.
    let unanswered = 0
    const closed = (info: Parameters<typeof sink.closed>[0]) =>
      sink.closed({ ...info, ...(historyId ? { historyId } : {}) })
    for (let number = 1; ; number++) {
      const ending = endingOf(connection, stop.signal.aborted, number === 1)
      if (ending.final && ending.note) sink.frame({ dir: 'info', type: 'error', size: 0, data: ending.note })
      if (ending.final || !open.realtime.reconnect) {
        closed(ending.final ? ending.closing : { reason: ending.sentence })
        return
      }
      unanswered = connection.head ? 0 : unanswered + 1
      if (unanswered >= MAX_UNANSWERED) {
        const reason = `Gave up after ${MAX_UNANSWERED} reconnects in a row got no answer (${ending.sentence.replace(/^No answer: /, '').replace(/\.$/, '')}).`
        sink.frame({ dir: 'info', type: 'error', size: 0, data: reason })
        closed({ reason })
        return
      }
      // No answer: back off 3 s, 6 s, 12 s… up to a minute; an answered stream uses its retry.
      const delay = unanswered === 0 ? retryMs : Math.min(MAX_BACKOFF_MS, DEFAULT_RETRY_MS * 2 ** (unanswered - 1))
      const resume = lastEventId === '' ? '' : ` with Last-Event-ID: ${lastEventId}`
      sink.frame({
        dir: 'info',
        type: 'close',
        size: 0,
        data: `${ending.sentence} Reconnecting in ${delay} ms${resume}.`,
      })
      try {
        await wait(delay, stop.signal)
      } catch {
        closed({ reason: 'You stopped the event stream.' })
        return
      }
      connection = await connect(number + 1).done
    }
  }
  run()
    .catch((error: unknown) => {
      const problem =
        error instanceof CourierError
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL', message: 'The event stream failed unexpectedly.' }
      if (problem.code === 'INTERNAL') open.services.log.error({ err: error }, 'sse session failed')
      sink.closed({ error: problem, ...(historyId ? { historyId } : {}) })
    })
    .finally(() => open.signal.removeEventListener('abort', onAbort))

  return {
    send() {
      throw new CourierError(
        'INVALID_REQUEST',
        'An event stream only carries events from the server; there is nothing to send on it.',
      )
    },
    close() {
      stop.abort()
    },
    historyId: () => historyId,
  }
}

type Ending =
  | {
      final: true
      closing: { code?: number; reason?: string; error?: { code: string; message: string } }
      /** Also shown in the timeline, as Courier's note. */
      note?: string
    }
  | { final: false; sentence: string }

/** Whether a finished connection ends the session (and how it is reported) or is reconnected. */
function endingOf(connection: Connection, stopped: boolean, firstConnection: boolean): Ending {
  const { record, head, stream } = connection
  if (stopped) return { final: true, closing: { reason: 'You stopped the event stream.' } }
  if (!head) {
    const error = record.error ?? { code: 'INTERNAL', message: 'The event stream failed unexpectedly.' }
    // Before any answer: the first connection's failure is the session's; a reconnect tries again, as EventSource does.
    if (firstConnection) return { final: true, closing: { error: { code: error.code, message: error.message } } }
    return { final: false, sentence: `No answer: ${error.message}` }
  }
  if (head.status === 204) {
    return {
      final: true,
      closing: { reason: 'The server answered 204 No Content: it asks the client not to reconnect.' },
    }
  }
  if (!stream) {
    const type = headerValue(head.headers, 'content-type') ?? 'no content type'
    const reason = `The server answered ${statusOf(head)} with ${type}, not a 200 text/event-stream; the answer is kept in history as a normal response.`
    return { final: true, closing: { reason }, note: reason }
  }
  if (record.body?.truncated) {
    return {
      final: true,
      closing: {
        reason: `The stream reached the response size limit (${formatBytes(record.body.size)}); it is kept up to there. Raise the limit in Settings to keep more.`,
      },
    }
  }
  const how = record.error
    ? `The stream broke off (${record.error.message.split('. ')[0]}).`
    : 'The server ended the stream.'
  return { final: false, sentence: how }
}

/** The request as sent, with `Accept: text/event-stream` unless it asks for something, and Last-Event-ID when resuming. */
function withStreamHeaders(input: PerformSendInput, lastEventId: string): PerformSendInput {
  const rows = input.request.headers
  const named = (name: string) => (row: (typeof rows)[number]) => row[2] && row[0].trim().toLowerCase() === name
  const headers = rows.filter((row) => !named('last-event-id')(row))
  if (!headers.some(named('accept'))) headers.push(['Accept', 'text/event-stream', true])
  if (lastEventId !== '') headers.push(['Last-Event-ID', lastEventId, true])
  return { ...input, request: { ...input.request, headers } }
}

function eventFrame(event: SseEvent, maxPreviewBytes: number) {
  const data = truncate(event.data, 'utf8', maxPreviewBytes)
  const truncated = data !== event.data
  return {
    dir: 'in' as const,
    type: 'event' as const,
    size: Buffer.byteLength(event.data),
    data,
    ...(truncated ? { truncated: true } : {}),
    event: event.event,
    ...(event.id === '' ? {} : { id: event.id }),
    ...(event.retry === undefined ? {} : { retry: event.retry }),
  }
}

function handshakeOf(head: ResponseHead): RealtimeHandshake {
  return {
    url: head.url,
    status: head.status,
    statusText: head.statusText,
    requestHeaders: head.sentHeaders,
    responseHeaders: head.headers,
    ...(head.remoteAddress ? { remoteAddress: head.remoteAddress } : {}),
  }
}

function statusOf(head: ResponseHead): string {
  return `${head.status}${head.statusText ? ` ${head.statusText}` : ''}`
}

function redirectSentence(head: ResponseHead): string {
  return `${statusOf(head)}: redirected to ${headerValue(head.headers, 'location')!.slice(0, 500)}.`
}
