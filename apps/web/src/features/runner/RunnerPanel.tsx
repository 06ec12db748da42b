import type { SavedRequestItem } from '@courier/shared'
import { KeptRuns } from './KeptRuns'
import { RunSetup } from './RunSetup'
import { RunView } from './RunView'
import type { RunnerView } from './run-target'
import './runner.css'

type RunnerPanelProps = {
  view: RunnerView
  onView: (view: RunnerView) => void
  onClose: () => void
  /** The active environment, preselected in a new run. */
  environmentId: string | null
  onOpenRequest: (item: SavedRequestItem) => void
}

const TITLES = { setup: 'Run setup', run: 'Run', runs: 'Kept runs' } as const

/** The collection runner, in the editor's place: a run's setup, a run live or kept, the kept runs. */
export function RunnerPanel({ view, onView, onClose, environmentId, onOpenRequest }: RunnerPanelProps) {
  const showRun = (run: { id: string }) => onView({ kind: 'run', runId: run.id })
  return (
    <section className="runner" aria-label="Runner">
      <header className="runner__bar">
        <h2 className="runner__title">
          <span className="runner__brand">Runner</span> · {TITLES[view.kind]}
        </h2>
        <span className="runner__spacer" />
        {view.kind !== 'runs' ? (
          <button type="button" className="button button--small button--ghost" onClick={() => onView({ kind: 'runs' })}>
            Kept runs
          </button>
        ) : null}
        <button type="button" className="button button--small" onClick={onClose}>
          Back to requests
        </button>
      </header>
      <div className="runner__body">
        {view.kind === 'setup' ? (
          <RunSetup
            key={`${view.target.collectionId}/${view.target.folderId ?? ''}`}
            target={view.target}
            environmentId={environmentId}
            onStarted={showRun}
          />
        ) : view.kind === 'run' ? (
          <RunView key={view.runId} runId={view.runId} onOpenRequest={onOpenRequest} onStarted={showRun} />
        ) : (
          <KeptRuns onOpen={showRun} />
        )}
      </div>
    </section>
  )
}
