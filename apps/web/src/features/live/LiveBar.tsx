import type { Viewer } from '@courier/shared'
import { initials } from './live-keys'
import './live.css'

type LiveBarProps = {
  viewers: Viewer[]
  /** "Changed by Ann" when the request changed elsewhere under this tab's edits. */
  changed: string | null
  onReload: () => void
  onKeep: () => void
}

/** Above the request editor: who else views this request, and a change saved elsewhere under this tab's edits. */
export function LiveBar({ viewers, changed, onReload, onKeep }: LiveBarProps) {
  if (viewers.length === 0 && !changed) return null
  return (
    <div className="live-bar">
      {changed ? (
        <div className="live-bar__changed" role="status">
          <span>
            <strong>{changed}</strong> — reload or keep yours.
          </span>
          <button type="button" className="live-bar__button" onClick={onReload}>
            Reload theirs
          </button>
          <button type="button" className="live-bar__button" onClick={onKeep}>
            Keep mine
          </button>
        </div>
      ) : null}
      {viewers.length > 0 ? (
        <span className="live-bar__viewing" aria-hidden="true">
          {viewers.length === 1 ? `${viewers[0]!.name} is viewing` : 'Also viewing'}
        </span>
      ) : null}
      {viewers.length > 0 ? (
        <ul className="live-bar__viewers" aria-label="Also viewing this request">
          {viewers.map((viewer) => (
            <li key={viewer.userId} className="live-bar__viewer" title={`${viewer.name} is viewing`}>
              <span role="img" aria-label={`${viewer.name} is viewing`}>
                {initials(viewer.name)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
