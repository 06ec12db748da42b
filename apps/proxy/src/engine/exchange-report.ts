import type { Pair, Timing } from '@courier/shared'
import type { ConnectTrace, OpenedConnection } from './connector.js'
import type { ExchangeInput } from './exchange.js'
import { rewriteRequestHead } from './request-head.js'
import { parseHeaderBlock } from './wire-headers.js'

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}

export function pairsFromRaw(raw: Buffer[]): { pairs: Pair[]; bytes: number } {
  const pairs: Pair[] = []
  let bytes = 0
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1')
    const value = raw[i + 1]!.toString('latin1')
    bytes += name.length + value.length + 4
    pairs.push([name, value])
  }
  return { pairs, bytes }
}

/** The wire header block, as connector.ts rewrites it (request-head.ts), plus the Content-Length undici appends after it. */
export function sentHeadersFrom(wireHeaders: string | undefined, input: ExchangeInput): Pair[] {
  if (!wireHeaders) return input.headers
  const pairs = parseHeaderBlock(rewriteRequestHead(wireHeaders))
  const length = input.headers.find(([name]) => name.toLowerCase() === 'content-length')
  if (length) pairs.push(['Content-Length', length[1]])
  return pairs
}

/** DNS, connect and TLS of one connection, those that happened. */
export function connectPhases(trace: ConnectTrace): Pick<Timing, 'dns' | 'connect' | 'tls'> {
  return {
    ...(trace.dnsStart !== undefined && trace.dnsEnd !== undefined
      ? { dns: round(trace.dnsEnd - trace.dnsStart) }
      : {}),
    ...(trace.connectStart !== undefined && trace.connectEnd !== undefined
      ? { connect: round(trace.connectEnd - trace.connectStart) }
      : {}),
    ...(trace.tlsEnd !== undefined && trace.connectEnd !== undefined
      ? { tls: round(trace.tlsEnd - trace.connectEnd) }
      : {}),
  }
}

/**
 * The exchange's phases. On a connection it opened, its own DNS, connect and TLS; on a reused
 * one, none of its own, and `connection` says so with the phases of the send that opened it.
 */
export function timingFrom(
  connection: { opened: OpenedConnection; reused: boolean } | undefined,
  started: number,
  requestSent: number | undefined,
  responseStarted: number | undefined,
  ended: number,
): Timing {
  const trace = connection && !connection.reused ? connection.opened.trace : {}
  const connected = trace.tlsEnd ?? trace.connectEnd ?? started
  const sent = requestSent ?? connected
  const firstByte = responseStarted ?? ended
  return {
    ...connectPhases(trace),
    firstByte: round(Math.max(0, firstByte - sent)),
    download: round(Math.max(0, ended - firstByte)),
    total: round(ended - started),
    ...(connection?.reused
      ? {
          connection: {
            reused: true,
            ...(connection.opened.openedBy ? { openedBy: connection.opened.openedBy } : {}),
            ...connectPhases(connection.opened.trace),
          },
        }
      : {}),
  }
}
