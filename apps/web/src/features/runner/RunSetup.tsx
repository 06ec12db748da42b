import { GLOBALS_ID, type RunInput, type RunSummary } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { collectionsOptions } from '../collections'
import { environmentsOptions } from '../environments'
import { errorParts, ErrorAlert } from '../../shared/ui/ErrorAlert'
import { NumberField, Switch } from '../../shared/ui/fields'
import { DataFileField, type DataChoice } from './DataFileField'
import { useStartRun } from './run-queries'
import { targetPath, type RunTarget } from './run-target'

type RunSetupProps = {
  target: RunTarget
  /** The active environment, preselected. */
  environmentId: string | null
  onStarted: (run: RunSummary) => void
}

/** A run's settings: environment, iterations, data file, delay, bail, keep variables; then Run. */
export function RunSetup({ target, environmentId, onStarted }: RunSetupProps) {
  const environments = useQuery(environmentsOptions())
  const collections = useQuery(collectionsOptions())
  const start = useStartRun()
  const envId = useId()
  const [environment, setEnvironment] = useState<string>(environmentId ?? '')
  const [iterations, setIterations] = useState<number | undefined>(undefined)
  const [data, setData] = useState<DataChoice>(null)
  const [delayMs, setDelayMs] = useState(0)
  const [bail, setBail] = useState(false)
  const [keepVariables, setKeepVariables] = useState(true)

  const rows = data && 'rows' in data ? data.rows : null
  const shownIterations = iterations ?? rows?.length ?? 1
  const invalid =
    (data !== null && 'error' in data) ||
    !Number.isInteger(shownIterations) ||
    shownIterations < 1 ||
    shownIterations > 100_000 ||
    delayMs < 0 ||
    delayMs > 600_000

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (invalid) return
    const input: RunInput = {
      collection: target.collectionId,
      ...(target.folderId ? { folder: target.folderId } : {}),
      ...(environment ? { environment } : {}),
      iterations: shownIterations,
      ...(rows ? { data: rows } : {}),
      delayMs,
      bail,
      keepVariables,
    }
    start.mutate(input, { onSuccess: onStarted })
  }

  return (
    <form className="runner-setup" aria-label="Run setup" onSubmit={submit}>
      <p className="runner-setup__target">
        <span className="runner-setup__target-label">{target.folderId ? 'Folder' : 'Collection'}</span>{' '}
        <strong>{targetPath(collections.data ?? [], target)}</strong>
      </p>
      <div className="field field--inline">
        <label htmlFor={envId}>Environment</label>
        <select id={envId} autoFocus value={environment} onChange={(event) => setEnvironment(event.target.value)}>
          <option value="">No environment</option>
          {(environments.data ?? [])
            .filter((e) => e.id !== GLOBALS_ID)
            .map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
        </select>
      </div>
      <DataFileField
        value={data}
        onChange={(choice) => {
          setData(choice)
          setIterations(undefined) // iterations follow the new file's rows until typed
        }}
      />
      <NumberField
        label="Iterations"
        value={shownIterations}
        min={1}
        max={100_000}
        onChange={setIterations}
        onClear={() => setIterations(undefined)}
      />
      <NumberField
        label="Delay between requests"
        unit="ms"
        value={delayMs}
        min={0}
        max={600_000}
        onChange={setDelayMs}
      />
      <div className="runner-setup__switches">
        <Switch label="Stop on first failure" checked={bail} onChange={setBail} />
        <Switch
          label="Keep variable values"
          hint="What the scripts set is saved to the environment, collection and globals when the run ends."
          checked={keepVariables}
          onChange={setKeepVariables}
        />
      </div>
      {start.error ? <ErrorAlert {...errorParts(start.error)} /> : null}
      <div className="runner-setup__actions">
        <button type="submit" className="button button--primary" disabled={invalid || start.isPending}>
          {start.isPending ? 'Starting…' : 'Run'}
        </button>
      </div>
    </form>
  )
}
