import type { Attempt, ResponseRecord } from '@courier/shared'
import { formatDuration, statusClass } from '../../../shared/format/format'
import './attempts.css'

/** "1.0 s (Retry-After)", "200 ms (backoff)": the wait after an attempt and where it came from. */
export function waitWords(attempt: Attempt): string {
  const source = attempt.waitSource === 'retry-after' ? ' (Retry-After)' : attempt.waitSource ? ' (backoff)' : ''
  const ms = attempt.waitedMs
  return `${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}${source}`
}

function Outcome({ status, statusText, error }: { status: number | null; statusText?: string; error?: string }) {
  if (status !== null)
    return <span className={`status-pill status-pill--${statusClass(status)}`}>{`${status} ${statusText ?? ''}`}</span>
  return <span className="status-pill status-pill--failed">{error ?? 'Failed'}</span>
}

/** Every try of a retried send: what each one got, how long it took, and the wait before the next. */
export function AttemptsList({ record }: { record: ResponseRecord }) {
  if (record.attempts.length === 0) return null
  const last = record.attempts.length + 1
  // Still failing on the last try: the policy ran out of attempts.
  const gaveUp = record.error !== null || record.status === null || record.status === 429 || record.status >= 500
  const before = record.attempts.at(-1)!
  // The final attempt began after the last wait; older records have no start to count from.
  const finalMs =
    before.startMs !== undefined && before.timing
      ? record.timing.total - before.startMs - before.timing.total - before.waitedMs
      : null
  return (
    <section className="attempts" aria-label="Attempts">
      <h3 className="attempts__title">
        Retried: {last} attempts
        <span className="attempts__total"> · {formatDuration(record.timing.total)} in all, waits included</span>
      </h3>
      <ol className="attempts__list">
        {record.attempts.map((attempt) => (
          <li key={attempt.attempt} className="attempts__row" title={attempt.reason}>
            <span className="attempts__step">Attempt {attempt.attempt}</span>
            <Outcome status={attempt.status ?? null} statusText={attempt.statusText} error={attempt.errorCode} />
            <span className="attempts__ms">{attempt.timing ? formatDuration(attempt.timing.total) : ''}</span>
            <span className="attempts__detail">
              {attempt.errorMessage ? `${attempt.errorMessage} ` : ''}
              retried after {waitWords(attempt)}
            </span>
          </li>
        ))}
        <li className="attempts__row attempts__row--final">
          <span className="attempts__step">Attempt {last}</span>
          <Outcome status={record.status} statusText={record.statusText} error={record.error?.code} />
          <span className="attempts__ms">{finalMs !== null && finalMs >= 0 ? formatDuration(finalMs) : ''}</span>
          <span className="attempts__detail">
            {gaveUp ? 'gave up: the last answer, shown here' : 'the response shown here'}
          </span>
        </li>
      </ol>
    </section>
  )
}
