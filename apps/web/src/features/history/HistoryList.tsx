import { STANDARD_METHODS, type HistorySummary } from '@courier/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { formatDuration, formatTime, statusClass } from '../../shared/format/format'
import { methodTone } from '../../shared/format/method-tone'
import { kindBadge } from '../realtime'
import { Menu } from '../../shared/ui/Menu'
import { CompareDialog } from './CompareDialog'
import { groupByDay } from './group-by-day'
import { historySearchOptions, useClearHistory, useDeleteHistoryEntry } from './history-queries'
import './history.css'

type HistoryListProps = {
  selectedId: string | null
  onOpen: (entry: HistorySummary, newTab: boolean) => void
  onSave: (entry: HistorySummary) => void
  /** Export what the filters show (HAR, JSON or CSV); `label` describes the filters. */
  onExport?: (query: { q?: string; method?: string; status?: string; from?: string }, label: string) => void
}

/**
 * The part that tells requests apart (path and query) and the host, shown apart — as stored, not
 * re-encoded by `new URL` (a masked `{{token}}` or •••••• would turn into percent-escapes).
 */
function splitUrl(url: string): { host: string; rest: string } {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^#]*)/i.exec(url)
  if (!match) return { host: '', rest: url }
  return { host: match[1]!.replace(/^[^@]*@/, ''), rest: match[2] || '/' }
}

type Since = 'any' | 'hour' | 'today' | 'week'

/** The time filter's choices: what the select and an export's label say, and where they start. */
const SINCE: Record<Since, { label: string; from: () => string | undefined }> = {
  any: { label: 'Time', from: () => undefined },
  hour: { label: 'Last hour', from: () => new Date(Date.now() - 3_600_000).toISOString() },
  today: { label: 'Today', from: () => new Date(new Date().setHours(0, 0, 0, 0)).toISOString() },
  week: { label: 'Last 7 days', from: () => new Date(Date.now() - 7 * 86_400_000).toISOString() },
}

/** A realtime session's kind (WS, SIO, SSE, GQL) where an HTTP entry shows its method. */
function entryBadge(entry: HistorySummary): string {
  if (entry.realtimeKind) return kindBadge(entry.realtimeKind)
  return /^wss?:\/\//i.test(entry.url) ? 'WS' : entry.method
}

/** Every send, newest first, grouped by day; searchable by words, method, status and time. */
export function HistoryList({ selectedId, onOpen, onSave, onExport }: HistoryListProps) {
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [method, setMethod] = useState('')
  const [status, setStatus] = useState('')
  const [since, setSince] = useState<Since>('any')
  const [menuFor, setMenuFor] = useState<string | null>(null)
  const [compareFrom, setCompareFrom] = useState<HistorySummary | null>(null)
  const [comparing, setComparing] = useState<[HistorySummary, HistorySummary] | null>(null)

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250)
    return () => clearTimeout(timer)
  }, [text])

  // Fixed when the choice is made: a start recomputed on every render would change the query key
  // each time, and every answer would start another fetch.
  const from = useMemo(() => SINCE[since].from(), [since])
  const filters = {
    ...(q ? { q } : {}),
    ...(method ? { method } : {}),
    ...(status ? { status } : {}),
    ...(from ? { from } : {}),
  }
  const { data, isPending, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery(
    historySearchOptions({ limit: 100, ...filters }),
  )
  const deleteEntry = useDeleteHistoryEntry()
  const clear = useClearHistory()
  const items = data?.pages.flatMap((page) => page.items) ?? []
  const filtering = Boolean(q || method || status || since !== 'any')

  const open = (entry: HistorySummary, newTab = false) => {
    if (compareFrom && compareFrom.id !== entry.id) {
      setComparing([compareFrom, entry])
      setCompareFrom(null)
      return
    }
    onOpen(entry, newTab)
  }

  return (
    <nav className="history" aria-label="History">
      <h2 className="visually-hidden">History</h2>
      {items.length > 0 && (!filtering || onExport) ? (
        <div className="sidebar__header">
          {onExport ? (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                onExport(
                  filters,
                  [q && `“${q}”`, method, status, since !== 'any' && SINCE[since].label.toLowerCase()]
                    .filter(Boolean)
                    .join(', '),
                )
              }
            >
              {filtering ? 'Export matches…' : 'Export…'}
            </button>
          ) : null}
          {!filtering ? (
            <button
              type="button"
              className="link-button"
              onClick={() => window.confirm('Delete every history entry? This cannot be undone.') && clear.mutate()}
            >
              Clear history
            </button>
          ) : null}
        </div>
      ) : (
        <div className="sidebar__spacer" />
      )}
      <div className="sidebar__search history__filters">
        <input
          type="search"
          aria-label="Search history"
          placeholder="Search URLs and bodies"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="history__filter-row">
          <select aria-label="Method filter" value={method} onChange={(event) => setMethod(event.target.value)}>
            <option value="">Method</option>
            {STANDARD_METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <select aria-label="Status filter" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">Status</option>
            <option value="2xx">2xx</option>
            <option value="3xx">3xx</option>
            <option value="4xx">4xx</option>
            <option value="5xx">5xx</option>
            <option value="error">Failed</option>
          </select>
          <select aria-label="Time filter" value={since} onChange={(event) => setSince(event.target.value as Since)}>
            {(Object.keys(SINCE) as Since[]).map((id) => (
              <option key={id} value={id}>
                {SINCE[id].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {compareFrom ? (
        <div className="history__compare-banner" role="status">
          Pick another entry to compare with{' '}
          <strong>
            {compareFrom.method} {splitUrl(compareFrom.url).rest}
          </strong>
          .
          <button type="button" className="link-button" onClick={() => setCompareFrom(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {isPending ? <p className="sidebar__empty">Loading…</p> : null}
      {error ? (
        <p className="sidebar__empty sidebar__empty--error" role="alert">
          {error.message}
        </p>
      ) : null}
      {data && items.length === 0 ? (
        <div className="sidebar__empty">
          {filtering ? (
            <p>Nothing in history matches.</p>
          ) : (
            <>
              <p>No requests yet.</p>
              <p className="hint">Every request you send is kept here, secrets masked.</p>
            </>
          )}
        </div>
      ) : null}
      {groupByDay(items).map((group) => (
        <section key={group.label} aria-label={group.label} className="history__day">
          <h3 className="history__day-label">{group.label}</h3>
          <ul className="history__list">
            {group.items.map((entry) => (
              <li
                key={entry.id}
                className={`history__item${entry.id === selectedId ? ' is-selected' : ''}${compareFrom?.id === entry.id ? ' is-comparing' : ''}`}
              >
                <button
                  type="button"
                  className="history__open"
                  aria-current={entry.id === selectedId ? 'true' : undefined}
                  aria-label={`${entryBadge(entry)} ${entry.url} — ${entry.status ?? entry.errorCode ?? ''}${entry.capture ? ` (captured by ${entry.capture})` : ''}`}
                  onClick={(event) => open(entry, event.ctrlKey || event.metaKey)}
                >
                  <span
                    className={`history__method ${entry.realtimeKind ? 'history__method--realtime' : methodTone(entry.method)}`}
                  >
                    {entryBadge(entry)}
                  </span>
                  {/* The host in full (which server answered matters most); the path gives way. */}
                  <span className="history__url" title={entry.url}>
                    {entry.capture ? (
                      <span className="history__capture" title={`Captured by the mount ${entry.capture}`}>
                        {entry.capture}
                      </span>
                    ) : null}
                    <span className="history__host">{splitUrl(entry.url).host}</span>
                    <span className="history__path">{splitUrl(entry.url).rest}</span>
                  </span>
                  <span className="history__meta">
                    <span className={`status-pill status-pill--${statusClass(entry.status)}`}>
                      {entry.status ?? 'Error'}
                    </span>
                    <span>{formatDuration(entry.durationMs)}</span>
                    <span className="history__time">{formatTime(entry.createdAt)}</span>
                  </span>
                </button>
                <span className="history__actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Actions for ${entry.method} ${entry.url}`}
                    aria-haspopup="menu"
                    onClick={() => setMenuFor(menuFor === entry.id ? null : entry.id)}
                  >
                    ⋯
                  </button>
                  {menuFor === entry.id ? (
                    <Menu
                      label={`Actions for ${entry.method} ${entry.url}`}
                      onClose={() => setMenuFor(null)}
                      items={[
                        { label: 'Open in new tab', run: () => onOpen(entry, true) },
                        { label: 'Save to collection…', run: () => onSave(entry) },
                        { label: 'Compare with…', run: () => setCompareFrom(entry) },
                        { label: 'Delete', danger: true, run: () => deleteEntry.mutate(entry.id) },
                      ]}
                    />
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {hasNextPage ? (
        <div className="history__more">
          <button
            type="button"
            className="button button--small"
            disabled={isFetchingNextPage}
            onClick={() => void fetchNextPage()}
          >
            {isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
      <CompareDialog pair={comparing} onClose={() => setComparing(null)} />
    </nav>
  )
}
