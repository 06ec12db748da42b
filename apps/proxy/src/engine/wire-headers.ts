import diagnosticsChannel from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import type { Pair } from '@courier/shared'

type SendHeadersMessage = { headers: string; socket: Socket }
type Watcher = (headerBlock: string, socket: Socket) => void

let pending: Watcher | undefined
let subscribed = false

/**
 * Calls `onHeaders` with the exact header block undici writes for the request whose `onConnect`
 * is running (it adds `connection` and writes `host` itself), and the socket it goes on, so
 * "request as sent" is what went on the wire, also on a reused connection. Call it from the
 * dispatch handler's `onConnect`: undici publishes the block synchronously right after it, for
 * that request (lib/dispatcher/client-h1.js writeH1), so the pairing is per request, not per socket.
 */
export function expectWireHeaders(onHeaders: Watcher): void {
  if (!subscribed) {
    subscribed = true
    diagnosticsChannel.subscribe('undici:client:sendHeaders', (message) => {
      const { headers, socket } = message as SendHeadersMessage
      const watcher = pending
      pending = undefined
      watcher?.(headers, socket)
    })
  }
  pending = onHeaders
  // A request undici did not write after all (aborted) must not take a later block.
  queueMicrotask(() => {
    if (pending === onHeaders) pending = undefined
  })
}

/** `GET / HTTP/1.1\r\nhost: a\r\n…` → the header lines as pairs, in order. */
export function parseHeaderBlock(block: string): Pair[] {
  return block
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line): Pair => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon), line.slice(colon + 1).trim()]
    })
}
