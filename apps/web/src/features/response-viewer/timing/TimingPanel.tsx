import type { ResponseRecord } from '@courier/shared'
import { formatDuration, statusClass } from '../../../shared/format/format'
import { buildWaterfall, PHASE_LABELS, type Phase, type ReusedConnection, type Segment } from './waterfall'
import './timing.css'

function Bar({ start, duration, span, tone }: { start: number; duration: number; span: number; tone: string }) {
  const left = (start / span) * 100
  // A 0.3 ms phase still shows as a sliver, so its place in the order is visible.
  const width = Math.max((duration / span) * 100, 0.4)
  return (
    <div className="waterfall__track" aria-hidden="true">
      <div
        className={`waterfall__bar waterfall__bar--${tone}`}
        style={{ left: `${Math.min(left, 99.6)}%`, width: `${width}%` }}
      />
    </div>
  )
}

/** Why a phase has no figure. */
const SKIPPED: Record<Phase, string> = {
  dns: 'none: the URL names an IP address',
  connect: 'none: an open connection was reused',
  tls: 'none: plain HTTP',
  send: 'not reached',
  wait: 'not reached',
  download: 'not reached',
}

function PhaseRow({ segment, span }: { segment: Segment; span: number }) {
  return (
    <tr className={`waterfall__phase${segment.duration === null ? ' is-skipped' : ''}`}>
      <th
        scope="row"
        title={
          segment.phase === 'send'
            ? 'Writing the request, and the engine’s own setup: what the exchange took beyond the measured phases'
            : undefined
        }
      >
        {PHASE_LABELS[segment.phase]}
      </th>
      {segment.duration === null ? (
        <td colSpan={2} className="waterfall__unknown">
          {SKIPPED[segment.phase]}
        </td>
      ) : (
        <>
          <td>
            <Bar start={segment.start} duration={segment.duration} span={span} tone={segment.phase} />
          </td>
          <td className="waterfall__ms">{formatDuration(segment.duration)}</td>
        </>
      )}
    </tr>
  )
}

const CONNECTION_PHASES: readonly Phase[] = ['dns', 'connect', 'tls']

/** "DNS lookup 0.4 ms · TCP connect 0.3 ms": the phases the opening send measured. */
function openedPhases(connection: ReusedConnection): string {
  const parts = (['dns', 'connect', 'tls'] as const)
    .filter((phase) => connection[phase] !== undefined)
    .map((phase) => `${PHASE_LABELS[phase]} ${formatDuration(connection[phase]!)}`)
  return parts.length > 0 ? parts.join(' · ') : 'no phases recorded'
}

/** An exchange on a kept-alive connection: no DNS, connect or TLS of its own; those of the send that opened it. */
function ReusedRow({ connection }: { connection: ReusedConnection }) {
  return (
    <tr className="waterfall__phase waterfall__reused">
      <th scope="row">Reused connection</th>
      <td colSpan={2} className="waterfall__unknown">
        Opened by an earlier send{connection.openedBy ? ` (${connection.openedBy.slice(0, 8)}…)` : ''}:{' '}
        {openedPhases(connection)}
      </td>
    </tr>
  )
}

/** Where the time went: every exchange's phases on one axis, Courier's own share apart. */
export function TimingPanel({ record, roundTripMs }: { record: ResponseRecord; roundTripMs?: number }) {
  const waterfall = buildWaterfall(record, roundTripMs)
  const { span } = waterfall
  const exchanges = waterfall.rows.filter((row) => row.kind === 'exchange').length
  return (
    <div className="timing">
      <table className="waterfall" aria-label="Timing waterfall">
        <colgroup>
          <col className="waterfall__label-col" />
          <col />
          <col className="waterfall__ms-col" />
        </colgroup>
        {waterfall.rows.map((row, index) =>
          row.kind === 'wait' ? (
            <tbody key={index} className="waterfall__wait">
              <tr>
                <th scope="row">{row.title}</th>
                <td>
                  <Bar start={row.start} duration={row.total} span={span} tone="retry-wait" />
                </td>
                <td className="waterfall__ms">{formatDuration(row.total)}</td>
              </tr>
            </tbody>
          ) : (
            <tbody key={index} className="waterfall__exchange">
              <tr className="waterfall__head">
                <th scope="rowgroup" colSpan={2}>
                  <span className={`status-pill status-pill--${statusClass(row.status)}`}>{row.status ?? '—'}</span>
                  <span className="waterfall__title">
                    {row.title} · {row.label}
                  </span>
                </th>
                <td className="waterfall__ms waterfall__ms--strong">{formatDuration(row.total)}</td>
              </tr>
              {row.error ? (
                <tr className="waterfall__phase">
                  <th scope="row">No answer</th>
                  <td colSpan={2} className="waterfall__error">
                    {row.error}
                  </td>
                </tr>
              ) : null}
              {row.connection ? <ReusedRow connection={row.connection} /> : null}
              {row.segments
                .filter((segment) => !(row.connection && CONNECTION_PHASES.includes(segment.phase)))
                .map((segment) => (
                  <PhaseRow key={segment.phase} segment={segment} span={span} />
                ))}
            </tbody>
          ),
        )}
        <tbody className="waterfall__summary">
          <tr>
            <th scope="row">Upstream{exchanges > 1 ? `, ${exchanges} exchanges` : ''}</th>
            <td>
              <Bar start={0} duration={waterfall.upstream} span={span} tone="upstream" />
            </td>
            <td className="waterfall__ms waterfall__ms--strong">{formatDuration(waterfall.upstream)}</td>
          </tr>
          {waterfall.waited > 0 ? (
            <tr className="waterfall__sub">
              <th scope="row">of which waiting to retry</th>
              <td>
                <Bar start={0} duration={waterfall.waited} span={span} tone="retry-wait" />
              </td>
              <td className="waterfall__ms">{formatDuration(waterfall.waited)}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">Courier overhead</th>
            {waterfall.overhead === null ? (
              <td colSpan={2} className="waterfall__unknown">
                Not known for a response opened from history.
              </td>
            ) : (
              <>
                <td>
                  <Bar start={waterfall.upstream} duration={waterfall.overhead} span={span} tone="overhead" />
                </td>
                <td className="waterfall__ms">{formatDuration(waterfall.overhead)}</td>
              </>
            )}
          </tr>
        </tbody>
      </table>
      <p className="hint timing__note">
        Phases are measured by Courier's server. A send on a kept-alive connection has no DNS, connect or TLS of its own
        and shows those of the send that opened it (Settings › Fresh connection measures every phase). Courier overhead
        is this page's round trip to Courier minus the upstream time: the hop from browser to server and back, saving to
        history, and encoding the answer.
      </p>
    </div>
  )
}
