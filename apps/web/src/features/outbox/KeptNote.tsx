import type { KeptSettings } from './kept-changes'
import { conflictLines } from './conflict-values'

type Props = {
  kept: KeptSettings
  /** Drops the kept edit and shows what is saved now. */
  onTheirs: () => void
  /** Saves the kept edit over what is saved now. */
  onMine: () => void
}

/**
 * In the Environments and Settings dialogs: the Save that is kept in this browser, and when it
 * will be sent; or, once its replay met changes made elsewhere to the same parts, both values of
 * each and the choice (never decided for the person).
 */
export function KeptNote({ kept, onTheirs, onMine }: Props) {
  if (!kept.conflicts) {
    const when = kept.reason === 'signed-out' ? 'after you sign in again' : 'when you are back online'
    const why = kept.reason === 'signed-out' ? 'Your session ended' : 'Courier cannot be reached'
    return (
      <p className="inline-note" role="status" aria-label="Kept in this browser">
        {why}: your changes to “{kept.title}” are kept in this browser and will be saved {when}. You can close this
        dialog; they are not lost.
      </p>
    )
  }
  const lines = conflictLines(kept.conflicts)
  return (
    <div className="inline-note" role="alert" aria-label="Changed elsewhere">
      <p>
        Your kept changes to “{kept.title}” met changes made elsewhere meanwhile
        {lines.length > 0
          ? ' to the same parts:'
          : '; what was saved before is no longer known, so nothing was merged.'}
      </p>
      {lines.length > 0 ? (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="link-button" onClick={onTheirs}>
        Reload theirs
      </button>{' '}
      ·{' '}
      <button type="button" className="link-button" onClick={onMine}>
        Overwrite with mine
      </button>
    </div>
  )
}
