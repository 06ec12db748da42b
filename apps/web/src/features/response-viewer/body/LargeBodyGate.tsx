import { formatBytes } from '../../../shared/format/format'
import './large-body-gate.css'

/** Above the large-body threshold nothing loads until the person chooses. */
export function LargeBodyGate({
  size,
  threshold,
  downloadHref,
  filename,
  onView,
}: {
  size: number
  threshold: number
  downloadHref: string
  filename: string
  onView: () => void
}) {
  return (
    <div className="large-gate" role="group" aria-label="Large response">
      <p className="large-gate__title">This body is {formatBytes(size)}</p>
      <p className="hint">
        Bodies of {formatBytes(threshold)} or more are not opened automatically (Settings › Responses). Viewing it is
        safe — it is parsed off the page and drawn a screen at a time — but it takes memory and a few seconds.
      </p>
      <div className="large-gate__actions">
        <a className="button button--primary" href={downloadHref} download={filename}>
          Download {filename}
        </a>
        <button type="button" className="button" onClick={onView}>
          View anyway
        </button>
      </div>
    </div>
  )
}
