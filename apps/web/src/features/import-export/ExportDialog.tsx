import type { ExportFile } from '@courier/shared'
import { useEffect, useId, useState } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { Switch } from '../../shared/ui/fields'
import { exportFile, type ExportFormat, type ExportTarget } from './import-export-queries'
import { saveFile } from './save-file'
import './import-export.css'

const FORMATS: Record<ExportTarget['kind'], { id: ExportFormat; label: string; hint: string }[]> = {
  collection: [
    { id: 'postman', label: 'Postman v2.1', hint: 'Runs in Postman and newman; imports back into Courier.' },
    {
      id: 'openapi',
      label: 'OpenAPI 3.1',
      hint: 'A skeleton: paths, parameters, bodies and auth; responses left for you.',
    },
    { id: 'bruno', label: 'Bruno', hint: 'A zip of .bru files: unzip it and open the folder in Bruno.' },
    { id: 'insomnia-v5', label: 'Insomnia v5', hint: 'The YAML Insomnia 11 exports; import it in Insomnia.' },
  ],
  workspace: [
    {
      id: 'workspace',
      label: 'Courier YAML',
      hint: 'Every collection, folder, request and environment, one document each, keys sorted: diff it, commit it, import it back.',
    },
  ],
  history: [
    { id: 'har', label: 'HAR 1.2', hint: 'Requests and responses, for browser dev tools and proxies.' },
    { id: 'json', label: 'JSON', hint: 'Every entry whole: the request as written and everything recorded.' },
    { id: 'csv', label: 'CSV', hint: 'One row per send: time, method, URL, status, duration, size.' },
  ],
}

function title(target: ExportTarget | null): string {
  if (!target) return 'Export'
  if (target.kind === 'collection') return `Export “${target.name}”`
  if (target.kind === 'workspace') return 'Export workspace'
  return `Export history${target.label ? ` (${target.label})` : ''}`
}

/** Choose a format (and whether secrets go along), then the browser saves the file. */
export function ExportDialog({ target, onClose }: { target: ExportTarget | null; onClose: () => void }) {
  const id = useId()
  const formats = target ? FORMATS[target.kind] : []
  const [format, setFormat] = useState<ExportFormat>('postman')
  const [includeSecrets, setIncludeSecrets] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const [done, setDone] = useState<ExportFile | null>(null)

  useEffect(() => {
    setFormat(formats[0]?.id ?? 'postman')
    setIncludeSecrets(false)
    setError(null)
    setDone(null)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target])

  const run = async () => {
    if (!target) return
    setPending(true)
    setError(null)
    try {
      const file = await exportFile(target, format, includeSecrets)
      saveFile(file)
      setDone(file)
    } catch (caught) {
      setError(caught as Error)
    } finally {
      setPending(false)
    }
  }

  const history = target?.kind === 'history'
  return (
    <Dialog
      title={title(target)}
      open={target !== null}
      onClose={onClose}
      footer={
        <>
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={onClose}>
            {done ? 'Close' : 'Cancel'}
          </button>
          <button type="button" className="button button--primary" onClick={() => void run()} disabled={pending}>
            {pending ? 'Exporting…' : done ? 'Export again' : 'Export'}
          </button>
        </>
      }
    >
      <div className="export-dialog">
        <fieldset className="export-dialog__formats">
          <legend>Format</legend>
          {formats.map((f) => (
            <label key={f.id} className={`export-dialog__format${format === f.id ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name={`${id}-format`}
                value={f.id}
                checked={format === f.id}
                onChange={() => (setFormat(f.id), setDone(null))}
              />
              <span>
                <span className="export-dialog__format-name">{f.label}</span>
                <span className="export-dialog__format-hint">{f.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {history ? (
          <p className="hint">
            History keeps secrets masked (Authorization, cookies, API keys, secret variables); the export carries them
            masked too.
          </p>
        ) : (
          <Switch
            label="Include secrets"
            checked={includeSecrets}
            onChange={setIncludeSecrets}
            hint={
              includeSecrets
                ? 'Secret variables, passwords, tokens and keys go into the file in clear text. Keep it private.'
                : 'Secret variable values and typed passwords, tokens and keys are left out.'
            }
          />
        )}
        {error ? (
          <p className="inline-error" role="alert">
            {error.message}
          </p>
        ) : null}
        {done ? (
          <div className="export-dialog__done" role="status">
            <p>
              Saved <strong>{done.filename}</strong> ({(done.text.length / 1024).toFixed(1)} KB).
            </p>
            {done.notes.length ? (
              <ul className="export-dialog__notes" aria-label="Export notes">
                {done.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </Dialog>
  )
}
