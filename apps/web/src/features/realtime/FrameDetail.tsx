import { hexDumpText, type Frame } from '@courier/shared'
import { base64Bytes, DIRECTION_LABEL, frameSize, frameTime, frameTypeLabel, prettyData } from './frame-format'

/** The selected frame whole: JSON pretty-printed, binary as a hex dump, SSE id/event/retry. */
export function FrameDetail({ frame }: { frame: Frame | null }) {
  if (!frame)
    return (
      <section className="realtime-detail realtime-detail--empty" aria-label="Frame detail">
        <p className="hint">Select a frame to see it whole.</p>
      </section>
    )
  const binary = frame.encoding === 'base64'
  const body = binary ? { text: hexDumpText(base64Bytes(frame.data)), json: false } : prettyData(frame.data)
  return (
    <section className="realtime-detail" aria-label="Frame detail">
      <dl className="realtime-detail__meta">
        <div>
          <dt>Direction</dt>
          <dd>{DIRECTION_LABEL[frame.dir]}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{frameTypeLabel(frame)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{frameTime(frame.at)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{frameSize(frame)}</dd>
        </div>
        {frame.id !== undefined ? (
          <div>
            <dt>Id</dt>
            <dd>{frame.id}</dd>
          </div>
        ) : null}
        {frame.event !== undefined ? (
          <div>
            <dt>Event</dt>
            <dd>{frame.event}</dd>
          </div>
        ) : null}
        {frame.retry !== undefined ? (
          <div>
            <dt>Retry</dt>
            <dd>{frame.retry} ms</dd>
          </div>
        ) : null}
        {frame.code !== undefined ? (
          <div>
            <dt>Close code</dt>
            <dd>
              {frame.code}
              {frame.reason ? ` ${frame.reason}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {frame.truncated ? <p className="hint">Cut short at the frame preview size (Settings › Realtime).</p> : null}
      <pre
        className={`realtime-detail__data${binary ? ' realtime-detail__data--hex' : ''}`}
        aria-label={binary ? 'Hex dump' : body.json ? 'Pretty JSON' : 'Frame data'}
      >
        {body.text}
      </pre>
    </section>
  )
}
