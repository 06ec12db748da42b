import { parseEventStream, type BodyDescriptor, type SseEvent } from '@courier/shared'
import { useMemo } from 'react'
import { useBodyText } from './use-body-text'
import '../../../shared/ui/data-table.css'
import './events-view.css'

/** Rows drawn at most; Raw shows the whole stream. */
export const MAX_EVENT_ROWS = 1000

/** An object or array as indented JSON; anything else as it came. */
function prettyData(data: string): { text: string; json: boolean } {
  const start = data.trimStart()[0]
  if (start !== '{' && start !== '[') return { text: data, json: false }
  try {
    return { text: JSON.stringify(JSON.parse(data), null, 2), json: true }
  } catch {
    return { text: data, json: false }
  }
}

function EventRow({ index, event, showRetry }: { index: number; event: SseEvent; showRetry: boolean }) {
  const data = prettyData(event.data)
  return (
    <tr>
      <td className="events-view__index">{index + 1}</td>
      <td>{event.id}</td>
      <td className="data-table__strong">{event.event}</td>
      {showRetry ? <td>{event.retry ?? ''}</td> : null}
      <td>
        <pre className={`events-view__data${data.json ? ' is-json' : ''}`}>{data.text}</pre>
      </td>
    </tr>
  )
}

/**
 * A stored text/event-stream body as the events an EventSource would have dispatched (parsed with
 * the shared sse-parse, so an unfinished last event is left out as the standard says).
 */
export function EventsView({ recordId, body }: { recordId: string; body: BodyDescriptor }) {
  const { text, error } = useBodyText(recordId, body)
  const events = useMemo(() => (text === null ? null : parseEventStream(text)), [text])

  if (error) return <p className="inline-warning">{error.message}</p>
  if (events === null) {
    return (
      <p className="empty-note" aria-busy="true">
        Loading events…
      </p>
    )
  }
  if (events.length === 0) {
    return <p className="empty-note">No complete event in this stream (an event ends at a blank line).</p>
  }
  const shown = events.slice(0, MAX_EVENT_ROWS)
  const showRetry = shown.some((event) => event.retry !== undefined)
  return (
    <div className="events-view">
      <p className="hint events-view__count">
        {events.length === 1 ? '1 event' : `${events.length.toLocaleString('en')} events`}
        {events.length > shown.length
          ? `; the first ${MAX_EVENT_ROWS.toLocaleString('en')} are listed, Raw shows the whole stream.`
          : ''}
      </p>
      <table className="data-table events-view__table" aria-label="Events">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">ID</th>
            <th scope="col">Event</th>
            {showRetry ? <th scope="col">Retry</th> : null}
            <th scope="col">Data</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((event, index) => (
            <EventRow key={index} index={index} event={event} showRetry={showRetry} />
          ))}
        </tbody>
      </table>
    </div>
  )
}
