import type { RunSummary } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { errorParts, ErrorAlert } from '../../shared/ui/ErrorAlert'
import { runListOptions, useDeleteRun } from './run-queries'
import { formatDuration, stateLabel } from './run-rows'

/** The runs Courier kept, newest first: open one, or delete it. */
export function KeptRuns({ onOpen }: { onOpen: (run: RunSummary) => void }) {
  const list = useQuery(runListOptions())
  const remove = useDeleteRun()
  if (list.error) return <ErrorAlert {...errorParts(list.error)} />
  if (!list.data) return <p className="empty-note">Loading runs…</p>
  if (list.data.runs.length === 0)
    return (
      <p className="empty-note">
        No runs yet. Run a collection or a folder from its ⋯ menu in the sidebar, and its results are kept here.
      </p>
    )
  return (
    <table className="data-table kept-runs" aria-label="Kept runs">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Collection</th>
          <th scope="col">Environment</th>
          <th scope="col">State</th>
          <th scope="col">Passed</th>
          <th scope="col">Failed</th>
          <th scope="col">Duration</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.data.runs.map((run) => {
          const when = run.startedAt ? new Date(run.startedAt).toLocaleString() : '—'
          return (
            <tr key={run.id} aria-label={`${run.collection}, ${when}`}>
              <td>{when}</td>
              <td className="kept-runs__strong">{run.collection}</td>
              <td>{run.environment ?? 'No environment'}</td>
              <td>{stateLabel({ state: run.state })}</td>
              <td className="kept-runs__passed">{run.passed}</td>
              <td className={run.failed ? 'kept-runs__failed' : undefined}>{run.failed}</td>
              <td>{formatDuration(run.durationMs)}</td>
              <td className="data-table__actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Open run of ${run.collection}, ${when}`}
                  onClick={() => onOpen(run)}
                >
                  Open
                </button>
                <button
                  type="button"
                  className="link-button link-button--danger"
                  aria-label={`Delete run of ${run.collection}, ${when}`}
                  disabled={remove.isPending && remove.variables === run.id}
                  onClick={() => remove.mutate(run.id)}
                >
                  Delete
                </button>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
