import type { MockCall } from '@courier/shared'
import { formatDuration, statusClass } from '../../shared/format/format'

/** 14:03:22 on a 24-hour clock: the column stays narrow. */
const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, {
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })

type MockCallsProps = {
  calls: readonly MockCall[]
  onClear: () => void
  clearing: boolean
}

/** What the mock received, newest first: how it answered, and which route and example matched (or why none did). */
export function MockCalls({ calls, onClear, clearing }: MockCallsProps) {
  return (
    <section className="mock-calls" aria-label="Mock calls">
      <header className="mocks__section-head">
        <h4>Call log</h4>
        <span className="mocks__count">{calls.length ? `${calls.length} calls` : ''}</span>
        <span className="mocks__spacer" />
        <button type="button" className="button button--small" onClick={onClear} disabled={clearing || !calls.length}>
          Clear log
        </button>
      </header>
      {calls.length ? (
        <div className="mock-calls__scroll">
          <table className="data-table" aria-label="Calls">
            <thead>
              <tr>
                <th>Time</th>
                <th>Method</th>
                <th>Path</th>
                <th>Status</th>
                <th>Matched</th>
                <th>Origin</th>
                <th>Took</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.id}>
                  <td className="mock-calls__nowrap">{clock(call.at)}</td>
                  <td className={`method--${call.method.toLowerCase()}`}>{call.method}</td>
                  <td className="mock-calls__path">{call.path}</td>
                  <td>
                    <span className={`status-badge status-badge--${statusClass(call.status)}`}>{call.status}</span>
                  </td>
                  <td className="mock-calls__note">
                    {/* The note names the route and example that answered, or why none did. */}
                    {call.note}
                  </td>
                  <td>{call.origin ?? '—'}</td>
                  <td className="mock-calls__nowrap">{formatDuration(call.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mocks__empty">No calls yet: each request the mock receives appears here as it arrives.</p>
      )}
    </section>
  )
}
