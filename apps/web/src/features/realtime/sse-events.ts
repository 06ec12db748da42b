import { parseEventStream, type Frame } from '@courier/shared'

/**
 * An event stream as kept in history (byte-exact text) read back as the event frames the session showed
 * live: the same parser (shared `sse-parse.ts`, WHATWG's algorithm) and the same frame fields.
 */
export function framesOfEventStream(text: string, at: number): Frame[] {
  const encoder = new TextEncoder()
  return parseEventStream(text).map((event, index): Frame => ({
    seq: index + 1,
    at,
    dir: 'in',
    type: 'event',
    size: encoder.encode(event.data).length,
    data: event.data,
    encoding: 'utf8',
    event: event.event,
    ...(event.id === '' ? {} : { id: event.id }),
    ...(event.retry === undefined ? {} : { retry: event.retry }),
  }))
}
