import { useEffect, useState } from 'react'
import type { SessionSnapshot } from './session-store'

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${Math.floor(s / 3600) ? `${Math.floor(s / 3600)}:` : ''}${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
}

function statusText(snapshot: SessionSnapshot, now: number, fromHistory: boolean): string {
  const { status, handshake } = snapshot
  const url = handshake?.url
  switch (status) {
    case 'idle':
      return fromHistory ? 'Kept in history' : 'Not connected'
    case 'connecting':
      return 'Connecting…'
    case 'open':
      return [
        `Connected to ${url ?? '…'}`,
        handshake?.protocol,
        snapshot.openedAt ? elapsed(now - snapshot.openedAt) : '',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'closed':
      return `Disconnected${snapshot.closeNote ? ` · ${snapshot.closeNote}` : ''}`
    case 'error':
      return 'Could not connect'
  }
}

/** Connected to … · protocol · time, ticking while open (a live region, as the HTTP status is). */
export function RealtimeStatusLine({ snapshot, fromHistory }: { snapshot: SessionSnapshot; fromHistory: boolean }) {
  const [now, setNow] = useState(() => Date.now())
  const open = snapshot.status === 'open'
  useEffect(() => {
    if (!open) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [open])
  return (
    <p role="status" aria-label="Connection status" className={`realtime-status realtime-status--${snapshot.status}`}>
      <span className="realtime-status__dot" aria-hidden="true" />
      {statusText(snapshot, Math.max(now, snapshot.openedAt ?? 0), fromHistory)}
    </p>
  )
}
