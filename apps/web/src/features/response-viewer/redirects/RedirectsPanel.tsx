import type { ResponseRecord } from '@courier/shared'
import { formatDuration, statusClass } from '../../../shared/format/format'
import { HeadersTable } from '../headers/HeadersTable'
import './redirects.css'

/** The hop chain: each 3xx with where it pointed and what it said, then where it ended. */
export function RedirectsPanel({ record }: { record: ResponseRecord }) {
  const stopped = record.error !== null
  if (record.hops.length === 0 && record.error?.phase !== 'redirect') {
    return <p className="empty-note">No redirects: the first answer was the final one.</p>
  }
  const location = record.headers.find(([name]) => name.toLowerCase() === 'location')?.[1]
  return (
    <ol className="redirects" aria-label="Redirect chain">
      {record.hops.map((hop, index) => (
        <li key={index} className="redirects__hop">
          <div className="redirects__line">
            <span className="redirects__step">{index + 1}</span>
            <span className={`status-pill status-pill--${statusClass(hop.status)}`}>
              {hop.status} {hop.statusText}
            </span>
            <span className="redirects__url">
              <span className="redirects__method">{hop.request.method}</span> {hop.request.url}
            </span>
            <span className="redirects__ms">{formatDuration(hop.timing.total)}</span>
          </div>
          <div className="redirects__location">
            <span className="redirects__arrow" aria-hidden="true">
              ↳
            </span>
            Location: <code>{hop.location ?? '(none)'}</code>
          </div>
          {hop.request.droppedOnRedirect ? <DroppedNote names={hop.request.droppedOnRedirect} /> : null}
          <details className="redirects__details">
            <summary>
              {hop.headers.length} response header{hop.headers.length === 1 ? '' : 's'}, {hop.request.headers.length}{' '}
              sent
            </summary>
            <h4 className="redirects__subtitle">Response headers</h4>
            <HeadersTable headers={hop.headers} label={`Hop ${index + 1} response headers`} />
            <h4 className="redirects__subtitle">Request headers sent</h4>
            <HeadersTable headers={hop.request.headers} label={`Hop ${index + 1} request headers`} />
          </details>
        </li>
      ))}
      <li
        className={`redirects__hop ${stopped ? 'redirects__hop--stopped' : 'redirects__hop--final'}`}
        aria-label={stopped ? 'Stopped here' : 'Final answer'}
      >
        <div className="redirects__line">
          <span className="redirects__step" aria-hidden="true">
            {stopped ? '✕' : '✓'}
          </span>
          {record.status === null ? (
            <span className="status-pill status-pill--failed">No answer</span>
          ) : (
            <span className={`status-pill status-pill--${statusClass(record.status)}`}>
              {record.status} {record.statusText}
            </span>
          )}
          <span className="redirects__url">
            <span className="redirects__method">{record.request.method}</span> {record.request.url}
          </span>
          {stopped ? <span className="redirects__stopped-tag">Stopped here</span> : null}
        </div>
        {stopped && location ? (
          <div className="redirects__location">
            <span className="redirects__arrow" aria-hidden="true">
              ↳
            </span>
            Location: <code>{location}</code> <span className="redirects__not-followed">not followed</span>
          </div>
        ) : null}
        {record.request.droppedOnRedirect ? <DroppedNote names={record.request.droppedOnRedirect} /> : null}
        {record.error ? (
          <p className="redirects__reason" role="note" aria-label="Why it stopped">
            {stopWords(record)}
          </p>
        ) : null}
      </li>
    </ol>
  )
}

/** What Courier kept back from a request because a redirect took it to another origin. */
function DroppedNote({ names }: { names: string[] }) {
  return (
    <p className="redirects__dropped" role="note" aria-label="Not sent to this origin">
      Not sent to this origin (secrets stay with the one you addressed): {names.join(', ')}
    </p>
  )
}

/** Why the chain ended on this row, in a line; the alert above holds the full sentence. */
function stopWords(record: ResponseRecord): string {
  const followed = record.hops.filter((hop) => hop.status !== 401).length
  switch (record.error?.code) {
    case 'TOO_MANY_REDIRECTS':
      return `Not followed: ${followed} redirect${followed === 1 ? ' was' : 's were'} already followed, the limit for this send (Maximum redirects in the Settings tab).`
    case 'REDIRECT_FORBIDDEN':
      return 'Not followed: Courier follows redirects to http and https only.'
    default:
      return record.error?.message ?? ''
  }
}
