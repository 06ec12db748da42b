import { gitButtonLabel } from './git-words'
import { isLocalOnly, useStatusFollowsSaves, useWorkspaceFiles } from './workspace-files-queries'
import './workspace-files.css'

/** The top bar's Git button: shown once the workspace is kept in a folder, with its branch and changes. */
export function GitButton({ active, onToggle }: { active: boolean; onToggle: () => void }) {
  const files = useWorkspaceFiles()
  useStatusFollowsSaves()
  const status = files.data
  if (!status?.dir || isLocalOnly(files.error)) return null
  const label = gitButtonLabel(status)
  const dirty = (status.git?.changes.length ?? 0) > 0
  const unreadable = status.problems.length > 0
  return (
    <button
      type="button"
      className={`button button--small button--ghost git-button${active ? ' is-active' : ''}`}
      aria-pressed={active}
      title={status.dir}
      onClick={onToggle}
    >
      Git{' '}
      {label ? (
        <span
          className={`git-button__meta${unreadable ? ' git-button__meta--problem' : dirty ? ' git-button__meta--dirty' : ''}`}
        >
          {label}
        </span>
      ) : null}
    </button>
  )
}
