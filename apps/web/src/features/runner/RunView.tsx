import type { RunInput, RunReport, RunSummary, SavedRequestItem } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { collectionsOptions } from '../collections'
import { errorParts, ErrorAlert } from '../../shared/ui/ErrorAlert'
import { exportRun, type RunExportFormat } from './export-run'
import {
  failedItemIds,
  filterRows,
  formatDuration,
  requestCount,
  runProgress,
  stateLabel,
  stepRows,
  type StepFilter,
} from './run-rows'
import { runOptions, useStartRun, useStopRun } from './run-queries'
import { StepsTable } from './StepsTable'

type RunViewProps = {
  runId: string
  onOpenRequest: (item: SavedRequestItem) => void
  onStarted: (run: RunSummary) => void
}

const FILTERS: { id: StepFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'passed', label: 'Passed' },
  { id: 'failed', label: 'Failed' },
]

/** One run, live while it runs (polled) and kept after: progress, its steps, rerun and export. */
export function RunView({ runId, onOpenRequest, onStarted }: RunViewProps) {
  const run = useQuery(runOptions(runId))
  const collections = useQuery(collectionsOptions())
  const stop = useStopRun()
  const start = useStartRun()
  const [filter, setFilter] = useState<StepFilter>('all')
  const report = run.data
  const rows = useMemo(() => stepRows(report), [report])
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter])
  const saved = useMemo(
    () =>
      new Map(
        (collections.data ?? []).flatMap((c) =>
          c.items.flatMap((item) => (item.kind === 'request' ? [[item.id, item] as const] : [])),
        ),
      ),
    [collections.data],
  )

  if (run.error) return <ErrorAlert {...errorParts(run.error)} />
  if (!report) return <p className="empty-note">Loading the run…</p>

  const running = report.state === 'running'
  const perIteration = report.collectionId
    ? requestCount(collections.data ?? [], report.collectionId, report.input?.folder)
    : 0
  const progress = runProgress(report, perIteration)
  const failed = failedItemIds(report)
  const again = (change: Partial<RunInput>) => {
    const input = report.input ?? { collection: report.collectionId ?? report.collection }
    const { only: _only, ...rest } = input
    start.mutate({ ...rest, ...change }, { onSuccess: onStarted })
  }

  return (
    <section className="run-view" aria-label={`Run of ${report.collection}`}>
      <header className="run-view__head">
        <div>
          <h3 className="run-view__title">{report.collection}</h3>
          <p className="run-view__meta">
            {report.environment ?? 'No environment'} · {report.iterations}{' '}
            {report.iterations === 1 ? 'iteration' : 'iterations'}
            {running ? '' : ` · ${formatDuration(report.durationMs)}`}
            {report.startedAt ? ` · ${new Date(report.startedAt).toLocaleString()}` : ''}
          </p>
        </div>
        <p className={`run-view__state run-view__state--${report.state}`} role="status">
          {stateLabel(report)} · <span className="run-view__passed">{report.passed} passed</span>,{' '}
          <span className={report.failed ? 'run-view__failed' : undefined}>{report.failed} failed</span>
        </p>
      </header>
      <div className="run-view__progress">
        <progress
          aria-label="Run progress"
          max={progress.total}
          value={progress.done}
          aria-valuetext={`${progress.done} of ${progress.total} requests`}
        />
        <span className="run-view__count">
          {progress.done} / {progress.total}
        </span>
      </div>
      <div className="run-view__toolbar">
        <div role="radiogroup" aria-label="Show steps" className="segmented segmented--small">
          {FILTERS.map((option) => (
            <label key={option.id} className={`segmented__item${filter === option.id ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name={`run-filter-${runId}`}
                value={option.id}
                checked={filter === option.id}
                onChange={() => setFilter(option.id)}
              />
              {option.label}
            </label>
          ))}
        </div>
        <span className="run-view__spacer" />
        {running ? (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={stop.isPending}
            onClick={() => stop.mutate(runId)}
          >
            Stop
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button--small"
              disabled={failed.length === 0 || start.isPending}
              onClick={() => again({ only: failed })}
            >
              Rerun failed
            </button>
            <button type="button" className="button button--small" disabled={start.isPending} onClick={() => again({})}>
              Run again
            </button>
            <ExportButtons report={report} />
          </>
        )}
      </div>
      {start.error ? <ErrorAlert {...errorParts(start.error)} /> : null}
      {rows.length === 0 ? (
        <p className="empty-note">{running ? 'Waiting for the first request…' : 'This run sent no requests.'}</p>
      ) : shown.length === 0 ? (
        <p className="empty-note">{filter === 'failed' ? 'No step failed.' : 'No step passed.'}</p>
      ) : (
        <StepsTable
          rows={shown}
          canOpen={(itemId) => saved.has(itemId)}
          onOpen={(itemId) => {
            const item = saved.get(itemId)
            if (item) onOpenRequest(item)
          }}
        />
      )}
    </section>
  )
}

function ExportButtons({ report }: { report: RunReport }) {
  const formats: { id: RunExportFormat; label: string }[] = [
    { id: 'json', label: 'JSON' },
    { id: 'junit', label: 'JUnit' },
    { id: 'csv', label: 'CSV' },
  ]
  return (
    <div role="group" aria-label="Export run" className="run-view__export">
      <span className="run-view__export-label" aria-hidden="true">
        Export
      </span>
      {formats.map((format) => (
        <button
          key={format.id}
          type="button"
          className="button button--small button--ghost"
          aria-label={`Export ${format.label}`}
          onClick={() => exportRun(report, format.id)}
        >
          {format.label}
        </button>
      ))}
    </div>
  )
}
