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

/** One exchange on the wire (a redirect hop, an attempt that was retried, the final answer), or a wait between attempts. */
export type WaterfallRow =
  | {
      kind: 'exchange'
      /** "Exchange", "Hop 1", "Final", "Attempt 2", "Attempt 3 · hop 1". */
      title: string
      label: string
      status: number | null
      /** Why an attempt got no answer. */
      error?: string
      start: number
      total: number
      segments: Segment[]
      /** The exchange went on a kept-alive connection: the phases of the send that opened it. */
      connection?: ReusedConnection
    }
  /** A wait has no phases: `segments` is empty, `label` says where the wait came from. */
  | { kind: 'wait'; title: string; label: string; status: null; start: number; total: number; segments: [] }

export type ReusedConnection = NonNullable<Timing['connection']>

/** `{ connection }` when the timing says the connection was reused, else nothing. */
function reusedOf(timing: Timing | undefined): { connection?: ReusedConnection } {
  return timing?.connection?.reused ? { connection: timing.connection } : {}
}

export type Waterfall = {
  rows: WaterfallRow[]
  /** Upstream time: every exchange, redirects and retry waits included. */
  upstream: number
  /** Time spent waiting between attempts. */
  waited: number
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

/** The record's exchanges as waterfall rows on one time axis (attempts, their waits, hops), and Courier's overhead apart. */
export function buildWaterfall(record: ResponseRecord, roundTripMs?: number): Waterfall {
  const rows: WaterfallRow[] = []
  let at = 0
  let waited = 0
  const attempts = record.attempts ?? []
  for (const attempt of attempts) {
    const start = attempt.startMs ?? at
    const total = attempt.timing?.total ?? 0
    const phases = attempt.timing && Object.keys(attempt.timing).some((key) => key !== 'total')
    rows.push({
      kind: 'exchange',
      title: `Attempt ${attempt.attempt}`,
      label: `${attempt.method ?? record.request.method} ${pathOf(attempt.url ?? record.request.url)}`,
      status: attempt.status ?? null,
      ...(attempt.errorCode ? { error: attempt.errorMessage ?? attempt.errorCode } : {}),
      start,
      total,
      segments: phases ? segmentsOf(attempt.timing!, total, start) : [],
      ...reusedOf(attempt.timing),
    })
    const source = attempt.waitSource === 'retry-after' ? 'Retry-After' : attempt.waitSource ? 'backoff' : null
    rows.push({
      kind: 'wait',
      title: `Wait before attempt ${attempt.attempt + 1}${source ? ` (${source})` : ''}`,
      label: source ?? '',
      status: null,
      start: start + total,
      total: attempt.waitedMs,
      segments: [],
    })
    at = start + total + attempt.waitedMs
    waited += attempt.waitedMs
  }
  const final = attempts.length > 0 ? `Attempt ${attempts.length + 1}` : null
  record.hops.forEach((hop, index) => {
    rows.push({
      kind: 'exchange',
      title: final ? `${final} · hop ${index + 1}` : `Hop ${index + 1}`,
      label: `${hop.request.method} ${pathOf(hop.request.url)}`,
      status: hop.status,
      start: at,
      total: hop.timing.total,
      segments: segmentsOf(hop.timing, hop.timing.total, at),
      ...reusedOf(hop.timing),
    })
    at += hop.timing.total
  })
  // record.timing.total covers the whole send; the final exchange is what the attempts, waits and hops did not use.
  const finalTotal = Math.max(0, record.timing.total - at)
  rows.push({
    kind: 'exchange',
    title: final ?? (record.hops.length > 0 ? 'Final' : 'Exchange'),
    label: `${record.request.method} ${pathOf(record.request.url)}`,
    status: record.status,
    start: at,
    total: finalTotal,
    segments: segmentsOf(record.timing, finalTotal, at),
    ...reusedOf(record.timing),
  })
  const upstream = record.timing.total
  const overhead = roundTripMs === undefined ? null : Math.max(0, roundTripMs - upstream)
  return { rows, upstream, waited, overhead, span: Math.max(upstream + (overhead ?? 0), 0.001) }
}
