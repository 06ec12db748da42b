import type { HistorySummary } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { formatDuration, formatTime, statusClass } from '../../shared/format/format'
import { methodTone } from '../../shared/format/method-tone'
import { historyListOptions, useClearHistory, useDeleteHistoryEntry } from './history-queries'

type HistoryListProps = {
  selectedId: string | null
  onOpen: (entry: HistorySummary) => void
}

/** The part that tells requests apart (path and query) and the host, shown apart. */
export function splitUrl(url: string): { host: string; rest: string } {
  try {
    const parsed = new URL(url)
    return { host: parsed.host, rest: `${parsed.pathname}${parsed.search}` }
  } catch {
    return { host: '', rest: url }
  }
}

/** Newest first: method, URL, status and when; click to restore the request and its response. */
export function HistoryList({ selectedId, onOpen }: HistoryListProps) {
  const { data, isPending, error } = useQuery(historyListOptions({ limit: 200 }))
  const deleteEntry = useDeleteHistoryEntry()
  const clear = useClearHistory()

  return (
    <nav className="history" aria-label="History">
      <div className="sidebar__header">
        <h2 className="sidebar__title">History</h2>
        {data && data.items.length > 0 ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (window.confirm('Delete every history entry? This cannot be undone.')) clear.mutate()
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      {isPending ? <p className="sidebar__empty">Loading…</p> : null}
      {error ? (
        <p className="sidebar__empty sidebar__empty--error" role="alert">
          {error.message}
        </p>
      ) : null}
      {data && data.items.length === 0 ? (
        <div className="sidebar__empty">
          <p>No requests yet.</p>
          <p className="hint">Every request you send is kept here, secrets masked.</p>
        </div>
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="history__list">
          {data.items.map((entry) => (
            <li key={entry.id} className={`history__item${entry.id === selectedId ? ' is-selected' : ''}`}>
              <button
                type="button"
                className="history__open"
                aria-current={entry.id === selectedId ? 'true' : undefined}
                aria-label={`${entry.method} ${entry.url} — ${entry.status ?? entry.errorCode ?? ''}`}
                onClick={() => onOpen(entry)}
              >
                <span className={`history__method ${methodTone(entry.method)}`}>{entry.method}</span>
                <span className="history__url" title={entry.url}>
                  {splitUrl(entry.url).rest}
                </span>
                <span className="history__meta">
                  <span className={`status-pill status-pill--${statusClass(entry.status)}`}>{entry.status ?? 'Error'}</span>
                  <span>{formatDuration(entry.durationMs)}</span>
                  <span className="history__host">{splitUrl(entry.url).host}</span>
                  <span className="history__time">{formatTime(entry.createdAt)}</span>
                </span>
              </button>
              <button type="button" className="icon-button history__delete" aria-label={`Delete ${entry.method} ${entry.url} from history`} title="Delete" onClick={() => deleteEntry.mutate(entry.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </nav>
  )
}
