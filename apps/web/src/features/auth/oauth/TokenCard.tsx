import type { OAuthTokenView } from '@courier/shared'
import { useEffect, useState } from 'react'
import { formatClock } from '../../../shared/format/format'
import { relativeTime } from '../auth-time'
import { JwtDetails } from './JwtDetails'

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

type TokenCardProps = {
  token: OAuthTokenView
  onRefresh?: () => void
  onForget: () => void
  busy: boolean
}

/** The stored token: whether it is still good, what it is for, and what it says (decoded JWT). */
export function TokenCard({ token, onRefresh, onForget, busy }: TokenCardProps) {
  // Tick every second in the last two minutes, so "Expired" shows the moment it is true.
  const left = token.expiresAt === null ? Infinity : Date.parse(token.expiresAt) - Date.now()
  const soon = left < 120_000 && left > -60_000
  const now = useNow(soon ? 1_000 : 15_000)
  const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= now
  const state =
    token.expiresAt === null
      ? 'No expiry given'
      : expired
        ? `Expired ${relativeTime(token.expiresAt, now)}`
        : `Expires ${relativeTime(token.expiresAt, now)}`
  return (
    <section className="token-card" aria-label="Access token">
      <div className="token-card__head">
        <h3 className="section-title">Access token</h3>
        <span role="status" aria-label="Token status" className={`auth-badge auth-badge--${expired ? 'bad' : 'ok'}`}>
          {state}
        </span>
      </div>
      <p className="token-card__value">
        <code aria-label="Access token (masked)">{token.accessToken}</code>
        <span className="token-card__type">{token.tokenType}</span>
      </p>
      <dl className="token-card__facts">
        {token.scope ? (
          <>
            <dt>Scope</dt>
            <dd>{token.scope}</dd>
          </>
        ) : null}
        <dt>Obtained</dt>
        <dd>{formatClock(token.obtainedAt)}</dd>
        {token.expiresAt ? (
          <>
            <dt>Expires</dt>
            <dd>{formatClock(token.expiresAt)}</dd>
          </>
        ) : null}
        <dt>Refresh token</dt>
        <dd>{token.hasRefreshToken ? 'Stored (sealed on the server)' : 'None'}</dd>
        {token.refreshedAt ? (
          <>
            <dt>Refreshed</dt>
            <dd>{formatClock(token.refreshedAt)}</dd>
          </>
        ) : null}
        {token.issuer ? (
          <>
            <dt>Issuer</dt>
            <dd>{token.issuer}</dd>
          </>
        ) : null}
      </dl>
      <div className="token-card__actions">
        {token.hasRefreshToken && onRefresh ? (
          <button type="button" className="button button--small" disabled={busy} onClick={onRefresh}>
            Refresh now
          </button>
        ) : null}
        <button type="button" className="button button--small button--ghost" disabled={busy} onClick={onForget}>
          Forget token
        </button>
      </div>
      {token.accessJwt ? (
        <JwtDetails name="Access token" jwt={token.accessJwt} />
      ) : (
        <p className="hint">The access token is opaque: only the provider can read it.</p>
      )}
      {token.idJwt ? <JwtDetails name="ID token" jwt={token.idJwt} /> : null}
    </section>
  )
}
