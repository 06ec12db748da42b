import { pageLinks, parseRateLimit, type PageLinks, type RateLimitSummary, type ResponseRecord } from '@courier/shared'
import { useEffect, useState } from 'react'
import { formatMoment } from '../../../shared/format/format'

function inWords(seconds: number): string {
  if (seconds >= 2 * 86_400) return `${Math.round(seconds / 86_400)} days`
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60 ? `${seconds % 60} s` : ''}`.trim()
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
}

/** Seconds left until `iso`, ticking once a second so a reset counts down. */
function useSecondsUntil(iso: string | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!iso) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [iso])
  return iso ? Math.max(0, Math.round((Date.parse(iso) - now) / 1000)) : undefined
}

function RateLimit({ summary }: { summary: RateLimitSummary }) {
  const resetIn = useSecondsUntil(summary.resetAt)
  const retryIn = useSecondsUntil(summary.retryAfter?.at)
  const exhausted = summary.remaining === 0
  return (
    <div
      className={`api-helpers__item${exhausted ? ' is-warn' : ''}`}
      role="group"
      aria-label="Rate limit"
      title={`From ${summary.sources.join(', ')}`}
    >
      <span className="api-helpers__label">Rate limit</span>
      {summary.remaining !== undefined ? (
        <span>
          <strong>{summary.remaining}</strong>
          {summary.limit !== undefined ? ` of ${summary.limit}` : ''} left
          {summary.windowSeconds ? ` per ${inWords(summary.windowSeconds)}` : ''}
        </span>
      ) : summary.limit !== undefined ? (
        <span>limit {summary.limit}</span>
      ) : null}
      {summary.resetAt && resetIn !== undefined ? (
        <span className="api-helpers__muted">
          resets {resetIn > 0 ? `in ${inWords(resetIn)}` : 'now'} ({formatMoment(summary.resetAt)})
        </span>
      ) : null}
      {summary.retryAfter && retryIn !== undefined ? (
        <span className="api-helpers__retry">
          {retryIn > 0
            ? `Retry after ${inWords(retryIn)} (${formatMoment(summary.retryAfter.at)})`
            : `Retry-After of ${inWords(summary.retryAfter.seconds)} has passed (${formatMoment(summary.retryAfter.at)}): you may send again`}
        </span>
      ) : null}
    </div>
  )
}

const ORDER = ['first', 'prev', 'next', 'last'] as const
const WORDS = { first: 'First', prev: 'Previous', next: 'Next', last: 'Last' }

function Pagination({ links, onSendUrl }: { links: PageLinks; onSendUrl?: (url: string) => void }) {
  return (
    <div className="api-helpers__item" role="group" aria-label="Pagination">
      <span className="api-helpers__label">Pages</span>
      {ORDER.filter((rel) => links[rel] && rel !== 'next').map((rel) => (
        <button
          key={rel}
          type="button"
          className="link-button"
          title={links[rel]}
          disabled={!onSendUrl}
          onClick={() => onSendUrl?.(links[rel]!)}
        >
          {WORDS[rel]}
        </button>
      ))}
      {links.next ? (
        <button
          type="button"
          className="button button--small button--primary"
          title={links.next}
          disabled={!onSendUrl}
          onClick={() => onSendUrl?.(links.next!)}
        >
          Send next page
        </button>
      ) : null}
    </div>
  )
}

/** The API conventions this response follows, made usable: Link pagination and rate limits. */
export function ApiHelpers({ record, onSendUrl }: { record: ResponseRecord; onSendUrl?: (url: string) => void }) {
  const links = pageLinks(record.headers, record.request.url)
  const rateLimit = parseRateLimit(record.headers, new Date(Date.parse(record.startedAt) + record.timing.total))
  const hasLinks = Object.keys(links).length > 0
  if (!hasLinks && !rateLimit) return null
  return (
    <div className="api-helpers">
      {hasLinks ? <Pagination links={links} onSendUrl={onSendUrl} /> : null}
      {rateLimit ? <RateLimit summary={rateLimit} /> : null}
    </div>
  )
}
