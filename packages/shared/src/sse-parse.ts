/**
 * An incremental parser of `text/event-stream`, exactly as the WHATWG HTML standard interprets
 * one (§9.2.6, https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * UTF-8 with a leading BOM dropped, lines ended by CRLF, LF or CR, `data` lines joined with "\n",
 * `event`, `id` (ignored when it holds NUL), `retry` (ASCII digits only), `:` comments, a field
 * without a colon taken with an empty value, one space after the colon stripped, an event
 * dispatched at a blank line unless its data is empty, the last event id kept across events, and
 * an unfinished event at the end of the stream dropped. Chunks may be split at any byte.
 */

export const EVENT_STREAM_CONTENT_TYPE = 'text/event-stream'

/** One dispatched event, as an EventSource's MessageEvent shows it. */
export type SseEvent = {
  /** The event type: the `event` field, `message` when there was none. */
  event: string
  data: string
  /** The last event id string at dispatch (kept from earlier events until a new `id`). */
  id: string
  /** A valid `retry` field in this event's block (milliseconds). */
  retry?: number
}

/** Whether a Content-Type header names an event stream (parameters ignored). */
export function isEventStreamContentType(contentType: string | null | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === EVENT_STREAM_CONTENT_TYPE
}

export class SseParser {
  /** The last event id string (what a reconnect sends as Last-Event-ID). */
  lastEventId = ''
  /** The reconnection time the stream asked for with `retry`, if it did. */
  retry: number | undefined
  private readonly decoder = new TextDecoder('utf-8')
  private buffer = ''
  /** The previous chunk ended in CR: an LF starting the next one belongs to the same line end. */
  private afterCR = false
  private data = ''
  private eventType = ''
  private lastIdBuffer = ''
  private pendingRetry: number | undefined
  private started = false

  constructor(lastEventId = '') {
    this.lastEventId = lastEventId
    this.lastIdBuffer = lastEventId
  }

  /** Feeds bytes (or already decoded text); returns the events they completed, in order. */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text: string
    if (typeof chunk === 'string') {
      // The decoder drops a leading BOM from bytes; text fed directly gets the same treatment.
      text = !this.started && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk
    } else {
      text = this.decoder.decode(chunk, { stream: true })
    }
    if (chunk.length > 0) this.started = true
    return this.lines(text)
  }

  /** The stream ended: flushes the decoder; an unfinished line or event is discarded, per spec. */
  end(): SseEvent[] {
    const rest = this.decoder.decode()
    const events = rest ? this.lines(rest) : []
    this.buffer = ''
    this.data = ''
    this.eventType = ''
    this.afterCR = false
    return events
  }

  private lines(text: string): SseEvent[] {
    const events: SseEvent[] = []
    let start = 0
    if (this.afterCR && text.length > 0) {
      if (text[0] === '\n') start = 1
      this.afterCR = false
    }
    let buffer = this.buffer
    for (let i = start; i < text.length; i++) {
      const ch = text.charCodeAt(i)
      if (ch !== 0x0a && ch !== 0x0d) continue
      const line = buffer + text.slice(start, i)
      buffer = ''
      if (ch === 0x0d) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 0x0a) i++
        } else {
          this.afterCR = true
        }
      }
      start = i + 1
      const event = this.line(line)
      if (event) events.push(event)
    }
    this.buffer = buffer + text.slice(start)
    return events
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch()
    if (line.charCodeAt(0) === 0x3a) return undefined // ':' a comment
    const colon = line.indexOf(':')
    let field = line
    let value = ''
    if (colon >= 0) {
      field = line.slice(0, colon)
      value = line.slice(colon + 1)
      if (value.charCodeAt(0) === 0x20) value = value.slice(1)
    }
    switch (field) {
      case 'event':
        this.eventType = value
        break
      case 'data':
        this.data += `${value}\n`
        break
      case 'id':
        if (!value.includes('\u0000')) this.lastIdBuffer = value
        break
      case 'retry':
        if (/^[0-9]+$/.test(value)) {
          this.retry = Number.parseInt(value, 10)
          this.pendingRetry = this.retry
        }
        break
      default:
        break // unknown fields are ignored
    }
    return undefined
  }

  private dispatch(): SseEvent | undefined {
    this.lastEventId = this.lastIdBuffer
    if (this.data === '') {
      this.eventType = ''
      this.pendingRetry = undefined
      return undefined
    }
    const event: SseEvent = {
      event: this.eventType === '' ? 'message' : this.eventType,
      data: this.data.endsWith('\n') ? this.data.slice(0, -1) : this.data,
      id: this.lastEventId,
      ...(this.pendingRetry === undefined ? {} : { retry: this.pendingRetry }),
    }
    this.data = ''
    this.eventType = ''
    this.pendingRetry = undefined
    return event
  }
}

/** Every event of a whole stored stream (what arrived, ended there). */
export function parseEventStream(body: Uint8Array | string): SseEvent[] {
  const parser = new SseParser()
  return [...parser.push(body), ...parser.end()]
}
