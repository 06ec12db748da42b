import diagnosticsChannel from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import type { Pair } from '@courier/shared'

type SendHeadersMessage = { headers: string; socket: Socket }

const listeners = new WeakMap<Socket, (headerBlock: string) => void>()
let subscribed = false

/**
 * Calls `onHeaders` with the exact header block undici writes on this socket (it adds
 * `connection` and writes `host` itself), so "request as sent" is what went on the wire.
 */
export function watchWireHeaders(socket: Socket, onHeaders: (headerBlock: string) => void): void {
  if (!subscribed) {
    subscribed = true
    diagnosticsChannel.subscribe('undici:client:sendHeaders', (message) => {
      const { headers, socket: target } = message as SendHeadersMessage
      listeners.get(target)?.(headers)
    })
  }
  listeners.set(socket, onHeaders)
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
