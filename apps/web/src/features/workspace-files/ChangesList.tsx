import type { GitChange } from '@courier/shared'
import { changeSummary, changeTitle, kindWords } from './git-words'

type ChangesListProps = {
  changes: GitChange[]
  /** Paths of files Courier cannot read (shown first, above): their rows say so. */
  unreadable?: ReadonlySet<string>
  /** Opens a saved request's tab; undefined when the request is not (or no longer) in Courier. */
  openable: (change: GitChange) => boolean
  onOpen: (change: GitChange) => void
}

/** The files that differ from the last commit: status, what each holds, its path, what changed in words. */
export function ChangesList({ changes, unreadable, openable, onOpen }: ChangesListProps) {
  return (
    <ul className="git-changes" aria-label="Changed files">
      {changes.map((change) => {
        const body = (
          <>
            <span className={`git-changes__badge git-changes__badge--${change.status}`}>{change.status}</span>
            <span className="git-changes__main">
              <span className="git-changes__title">
                <span className="git-changes__kind">{kindWords(change)}</span> {changeTitle(change)}
              </span>
              <code className="git-changes__path" title={change.path}>
                {change.path}
              </code>
              {change.words.length ? <span className="git-changes__words">{changeSummary(change)}</span> : null}
              {unreadable?.has(change.path) ? (
                <span className="git-changes__unreadable">Courier cannot read this file (see above)</span>
              ) : null}
            </span>
          </>
        )
        return (
          <li key={change.path} className="git-changes__item">
            {openable(change) ? (
              <button
                type="button"
                className="git-changes__row git-changes__row--open"
                title={`Open ${changeTitle(change)} in a tab`}
                onClick={() => onOpen(change)}
              >
                {body}
              </button>
            ) : (
              <div className="git-changes__row">{body}</div>
            )}
          </li>
        )
      })}
    </ul>
  )
}
