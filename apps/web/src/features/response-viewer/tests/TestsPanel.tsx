import { testTotals, type ResponseRecord, type ScriptOrigin } from '@courier/shared'
import './tests-panel.css'

const PHASE = { prerequest: 'pre-request', test: 'post-response' } as const

function where(origin: ScriptOrigin | undefined): string {
  if (!origin) return ''
  const level = origin.level === 'request' ? 'request' : `${origin.level} “${origin.name}”`
  return `${level}, ${PHASE[origin.phase]}`
}

/** The tests and assertions of a send, its scripts' errors (with line), and the console. */
export function TestsPanel({ record }: { record: ResponseRecord }) {
  const report = record.scripts
  if (!report)
    return <p className="empty-note">This request has no tests. Add some in its Scripts or Assertions tab.</p>
  const { passed, failed } = testTotals(report)
  return (
    <div className="tests-panel">
      {report.errors.map((error, index) => (
        <div key={index} className="tests-panel__error" role="alert">
          <strong>
            {error.kind === 'syntax'
              ? 'Syntax error'
              : error.kind === 'limit-time'
                ? 'Time limit'
                : error.kind === 'limit-memory'
                  ? 'Memory limit'
                  : 'Script error'}
          </strong>{' '}
          in the {where(error.origin)} script{error.line ? `, line ${error.line}` : ''}: {error.message}
        </div>
      ))}
      {report.skipped ? <p className="empty-note">A pre-request script skipped this request.</p> : null}
      <p className="tests-panel__summary" aria-label="Test summary">
        <span className="tests-panel__pass">{passed} passed</span>
        {', '}
        <span className={failed ? 'tests-panel__fail' : undefined}>{failed} failed</span>
      </p>
      {report.tests.length > 0 ? (
        <ul className="tests-panel__list" aria-label="Test results">
          {report.tests.map((test, index) => (
            <li key={index} className={test.passed ? 'is-pass' : test.skipped ? 'is-skip' : 'is-fail'}>
              <span className="tests-panel__mark" aria-hidden="true">
                {test.skipped ? '–' : test.passed ? '✓' : '✗'}
              </span>
              <span className="tests-panel__name">
                <span className="visually-hidden">
                  {test.skipped ? 'Skipped: ' : test.passed ? 'Passed: ' : 'Failed: '}
                </span>
                {test.name}
                {test.error ? <span className="tests-panel__reason">{test.error}</span> : null}
              </span>
              <span className="tests-panel__origin">
                {test.kind === 'assertion' ? 'assertion' : where(test.origin)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <section aria-label="Console" className="tests-panel__console">
        <h3>Console</h3>
        {report.console.length === 0 ? (
          <p className="empty-note">Nothing was logged. console.log in a script writes here.</p>
        ) : (
          <ol>
            {report.console.map((entry, index) => (
              <li key={index} className={`is-${entry.level}`}>
                <span className="tests-panel__level">{entry.level}</span>
                <code>{entry.text}</code>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}
