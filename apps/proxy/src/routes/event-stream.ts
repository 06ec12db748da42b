import { PassThrough } from 'node:stream'
import type { FastifyReply } from 'fastify'
import type { BusMessage, ChangeBus } from '../ports/change-bus.js'

/** A stream whose reader falls this far behind is closed; the page reconnects and refetches everything. */
const MAX_BUFFERED_BYTES = 1024 * 1024

export type EventStream = {
  /** One server-sent event (data as JSON); dropped once the stream ended. */
  send(event: string, data: unknown): void
  end(): void
}

export type EventStreamOptions = {
  bus: ChangeBus
  /** The bus key to listen on: a workspace id, or `capture:USER_ID`. */
  key: string
  onMessage: (message: BusMessage, stream: EventStream) => void
  /** A comment line this often, so proxies and browsers keep the stream open. */
  heartbeatMs: number
  /** Run at every heartbeat (a removal ends a member's stream). */
  onHeartbeat?: (stream: EventStream) => void
  /** The event sent once the bus listener is in place: from then on nothing is missed. */
  ready: string
  /** Streams open on this server, so it can end them before it closes. */
  open: Set<() => void>
}

/**
 * Answers `reply` with a text/event-stream fed by the change bus: the listener and one timer per
 * stream, nothing else; a reader that falls behind is cut off (it reconnects and refetches).
 */
export function openEventStream(reply: FastifyReply, options: EventStreamOptions): FastifyReply {
  const stream = new PassThrough()
  let ended = false
  const write = (text: string) => {
    if (ended) return
    if (stream.writableLength > MAX_BUFFERED_BYTES) return events.end()
    stream.write(text)
  }
  const events: EventStream = {
    send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    end() {
      if (ended) return
      ended = true
      clearInterval(heartbeat)
      unsubscribe()
      options.open.delete(events.end)
      stream.end()
    },
  }
  const unsubscribe = options.bus.subscribe(options.key, (message) => options.onMessage(message, events))
  const heartbeat = setInterval(() => {
    write(': heartbeat\n\n')
    options.onHeartbeat?.(events)
  }, options.heartbeatMs)
  heartbeat.unref()
  options.open.add(events.end)
  reply.raw.on('close', events.end)
  stream.write('retry: 2000\n\n')
  events.send(options.ready, {})
  reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
  return reply.send(stream)
}
