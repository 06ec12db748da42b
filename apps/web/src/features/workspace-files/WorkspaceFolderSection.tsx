import { isFolderProblem } from '@courier/shared'
import { useId, useState } from 'react'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { isLocalOnly, useSetWorkspaceFolder, useWorkspaceFiles } from './workspace-files-queries'
import './workspace-files.css'

const WHAT =
  'Courier writes every collection and environment it holds to YAML files there (all of them, also those from another folder) and reads changes others make; secret values stay in Courier.'

/** Settings' Workspace folder: keep the workspace as files in a folder (a git repository, usually), or stop. */
export function WorkspaceFolderSection() {
  const files = useWorkspaceFiles()
  const choose = useSetWorkspaceFolder()
  const [typed, setTyped] = useState<string | null>(null)
  const fieldId = useId()
  const status = files.data
  if (isLocalOnly(files.error)) return null
  const dir = status?.dir ?? null
  const gone = status?.problems.find(isFolderProblem)
  const value = typed ?? dir ?? ''
  const keep = () => {
    const path = value.trim()
    if (path) choose.mutate(path, { onSuccess: () => setTyped(null) })
  }

  return (
    <section className="workspace-folder" aria-label="Workspace folder">
      <h3 className="settings-dialog__heading settings-form__section">Workspace folder</h3>
      <p className="hint workspace-folder__what">{WHAT}</p>
      {status?.fromFlag ? (
        <p className="workspace-folder__fixed">
          <code className="workspace-folder__dir" aria-label="Workspace folder">
            {status.dir}
          </code>
          <span className="workspace-folder__flag">set by --workspace</span>
        </p>
      ) : (
        <form
          className="workspace-folder__form"
          onSubmit={(event) => {
            event.preventDefault()
            keep()
          }}
        >
          <label className="visually-hidden" htmlFor={fieldId}>
            Workspace folder
          </label>
          <input
            id={fieldId}
            className="text-input text-input--mono workspace-folder__input"
            value={value}
            placeholder="/home/you/projects/api-requests"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setTyped(event.target.value)}
          />
          <div className="workspace-folder__row">
            <button
              type="submit"
              className="button"
              disabled={!value.trim() || (value.trim() === dir && !gone) || choose.isPending}
            >
              Keep workspace in this folder
            </button>
            {dir ? (
              <button
                type="button"
                className="button"
                disabled={choose.isPending}
                onClick={() => choose.mutate(null, { onSuccess: () => setTyped(null) })}
              >
                Stop keeping files
              </button>
            ) : null}
          </div>
          {gone ? (
            <p className="workspace-folder__gone" role="status">
              {gone.message}
            </p>
          ) : dir ? (
            <p className="hint workspace-folder__now">
              Kept in <code>{dir}</code>
              {status?.syncedAt ? `, in step since ${new Date(status.syncedAt).toLocaleTimeString()}` : ''}.
            </p>
          ) : null}
        </form>
      )}
      {choose.error ? <ErrorAlert {...errorParts(choose.error)} /> : null}
      {files.error ? <ErrorAlert {...errorParts(files.error)} /> : null}
    </section>
  )
}
