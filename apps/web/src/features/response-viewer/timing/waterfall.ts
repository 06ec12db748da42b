import type { ResponseRecord, Timing } from '@courier/shared'

export type Phase = 'dns' | 'connect' | 'tls' | 'send' | 'wait' | 'download'

export const PHASE_LABELS: Record<Phase, string> = {
  dns: 'DNS lookup',
  connect: 'TCP connect',
  tls: 'TLS handshake',
  send: 'Sending request',
  wait: 'Waiting (time to first byte)',
  download: 'Download',
}

/** `duration` is null for a phase that did not happen (no DNS for an IP address, no TLS over http). */
export type Segment = { phase: Phase; start: number; duration: number | null }

/** One exchange on the wire: a redirect hop or the final answer. */
export type WaterfallRow = {
  label: string
  status: number | null
  start: number
  total: number
  segments: Segment[]
}

export type Waterfall = {
  rows: WaterfallRow[]
  /** Upstream time: every exchange, redirects included. */
  upstream: number
  /** Browser → Courier → browser minus the upstream time; null when unknown (opened from history). */
  overhead: number | null
  /** The scale every bar is drawn against. */
  span: number
}

/**
 * Lays an exchange's phases end to end. The engine measures DNS, connect, TLS, first byte
 * (request written → first response byte) and download; what is left of the exchange's total
 * is writing the request, drawn between the handshake and the wait.
 */
function segmentsOf(timing: Timing, exchangeTotal: number, offset: number): Segment[] {
  const measured =
    (timing.dns ?? 0) + (timing.connect ?? 0) + (timing.tls ?? 0) + (timing.firstByte ?? 0) + (timing.download ?? 0)
  const parts: [Phase, number | undefined][] = [
    ['dns', timing.dns],
    ['connect', timing.connect],
    ['tls', timing.tls],
    ['send', Math.max(0, exchangeTotal - measured)],
    ['wait', timing.firstByte],
    ['download', timing.download],
  ]
  const segments: Segment[] = []
  let at = offset
  for (const [phase, duration] of parts) {
    segments.push({ phase, start: at, duration: duration ?? null })
    at += duration ?? 0
  }
  return segments
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.host}${parsed.pathname}${parsed.search}`
  } catch {
    return url
  }
}

/** The record's exchanges as waterfall rows on one time axis, and Courier's overhead apart. */
export function buildWaterfall(record: ResponseRecord, roundTripMs?: number): Waterfall {
  const rows: WaterfallRow[] = []
  let at = 0
  for (const hop of record.hops) {
    rows.push({
      label: `${hop.request.method} ${pathOf(hop.request.url)}`,
      status: hop.status,
      start: at,
      total: hop.timing.total,
      segments: segmentsOf(hop.timing, hop.timing.total, at),
    })
    at += hop.timing.total
  }
  // record.timing.total covers the whole send; the final exchange is what the hops did not use.
  const finalTotal = Math.max(0, record.timing.total - at)
  rows.push({
    label: `${record.request.method} ${pathOf(record.request.url)}`,
    status: record.status,
    start: at,
    total: finalTotal,
    segments: segmentsOf(record.timing, finalTotal, at),
  })
  const upstream = record.timing.total
  const overhead = roundTripMs === undefined ? null : Math.max(0, roundTripMs - upstream)
  return { rows, upstream, overhead, span: Math.max(upstream + (overhead ?? 0), 0.001) }
}
