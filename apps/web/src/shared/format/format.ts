/** Sizes: one formatter with the server's messages (`@courier/shared`). */
export { formatBytes } from '@courier/shared'

/** 0.4 ms, 12 ms, 1.25 s. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

/** "14:03:22" today, "Mon 14:03" this week, else the date. */
export function formatTime(iso: string, now = new Date()): string {
  const date = new Date(iso)
  const sameDay = date.toDateString() === now.toDateString()
  if (sameDay) return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  return date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** "14:03:22": a moment of today to the second (token expiry, rate-limit reset). */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

/** formatClock for a moment today; with its date when it is another day (a reset a month away). */
export function formatMoment(iso: string, now = new Date()): string {
  const date = new Date(iso)
  if (date.toDateString() === now.toDateString()) return formatClock(iso)
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

export type StatusClass = 'info' | 'success' | 'redirect' | 'client-error' | 'server-error' | 'failed'

export function statusClass(status: number | null): StatusClass {
  if (status === null) return 'failed'
  if (status < 200) return 'info'
  if (status < 300) return 'success'
  if (status < 400) return 'redirect'
  if (status < 500) return 'client-error'
  return 'server-error'
}
