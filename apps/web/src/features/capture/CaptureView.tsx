import { STANDARD_METHODS, type HistorySummary } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { captureQuery, NO_FILTERS, statusFilter, type CaptureFilters } from './capture-filters'
import { exchangesOptions, mountsOptions } from './capture-queries'
import { CapturedTable } from './CapturedTable'
import { ExchangeDetail } from './ExchangeDetail'
import { MountsSection } from './MountsSection'
import { useCaptureEvents } from './use-capture-events'
import '../../shared/ui/data-table.css'
import './capture.css'

type CaptureViewProps = {
  environmentId: string | null
  onOpenInEditor: (summary: HistorySummary) => void
  onClose: () => void
}

const STREAM_WORDS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const

/** Capture mounts and what they record, live: the view in the editor's place (like the runner). */
export function CaptureView({ environmentId, onOpenInEditor, onClose }: CaptureViewProps) {
  const stream = useCaptureEvents()
  const mounts = useQuery(mountsOptions()).data ?? []
  const [filters, setFilters] = useState<CaptureFilters>(NO_FILTERS)
  // Typed filters apply after a pause, not on every key.
  const [typed, setTyped] = useState({ status: '', path: '' })
  useEffect(() => {
    const timer = setTimeout(() => setFilters((current) => ({ ...current, ...typed })), 250)
    return () => clearTimeout(timer)
  }, [typed])
  const statusProblem = statusFilter(typed.status).problem
  const exchanges = useQuery(exchangesOptions(captureQuery(filters, 500)))
  const items = exchanges.data?.items ?? []
  const [selected, setSelected] = useState<HistorySummary | null>(null)
  const set = (patch: Partial<CaptureFilters>) => setFilters((current) => ({ ...current, ...patch }))
  const filtering = Boolean(filters.mount || filters.method || filters.status || filters.path)

  return (
    <section className="capture" aria-label="Capture">
      <header className="capture__bar">
        <h2 className="capture__title">Capture</h2>
        <span className={`capture__stream capture__stream--${stream}`} role="status">
          {STREAM_WORDS[stream]}
        </span>
        <span className="capture__spacer" />
        <button type="button" className="button button--small" onClick={onClose}>
          Back to requests
        </button>
      </header>
      <div className="capture__body">
        <MountsSection />
        <section className="capture__exchanges" aria-label="Exchanges">
          <div className="capture__filters" role="group" aria-label="Filters">
            <label className="capture__filter">
              <span>Mount</span>
              <select aria-label="Mount" value={filters.mount} onChange={(event) => set({ mount: event.target.value })}>
                <option value="">All mounts</option>
                {mounts.map((mount) => (
                  <option key={mount.id} value={mount.name}>
                    {mount.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="capture__filter">
              <span>Method</span>
              <select
                aria-label="Method"
                value={filters.method}
                onChange={(event) => set({ method: event.target.value })}
              >
                <option value="">Any method</option>
                {STANDARD_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {method}
                  </option>
                ))}
              </select>
            </label>
            <label className="capture__filter">
              <span>Status</span>
              <input
                aria-label="Status"
                className="capture__filter-status"
                value={typed.status}
                placeholder="404, 4xx, error"
                aria-invalid={statusProblem ? true : undefined}
                onChange={(event) => setTyped((current) => ({ ...current, status: event.target.value }))}
              />
            </label>
            <label className="capture__filter capture__filter--grow">
              <span>Path</span>
              <input
                aria-label="Path"
                value={typed.path}
                placeholder="/users"
                spellCheck={false}
                onChange={(event) => setTyped((current) => ({ ...current, path: event.target.value }))}
              />
            </label>
            <span className="capture__count" aria-live="polite">
              {exchanges.isSuccess ? `${items.length}${exchanges.data.nextCursor ? '+' : ''} shown` : ''}
            </span>
          </div>
          {statusProblem ? (
            <p className="capture__problem" role="alert">
              {statusProblem}
            </p>
          ) : null}
          {exchanges.error ? <ErrorAlert {...errorParts(exchanges.error)} /> : null}
          <div className={`capture__split${selected ? ' capture__split--detail' : ''}`}>
            <div className="capture__list">
              <CapturedTable
                items={items}
                selectedId={selected?.id ?? null}
                onSelect={setSelected}
                compact={selected !== null}
              />
              {exchanges.isSuccess && items.length === 0 ? (
                <p className="capture__empty capture__empty--list">
                  {filtering
                    ? 'No captured exchange matches these filters.'
                    : mounts.length
                      ? 'Nothing captured yet: call a mount’s URL from your app and each exchange appears here as it happens.'
                      : 'Create a mount above; the calls your app makes through it appear here as they happen.'}
                </p>
              ) : null}
            </div>
            {selected ? (
              <ExchangeDetail
                key={selected.id}
                summary={selected}
                environmentId={environmentId}
                onOpenInEditor={onOpenInEditor}
              />
            ) : null}
          </div>
        </section>
      </div>
    </section>
  )
}
