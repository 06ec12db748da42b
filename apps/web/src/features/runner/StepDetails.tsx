import type { RunStep, ScriptOrigin } from '@courier/shared'

const KIND = {
  syntax: 'Syntax error',
  runtime: 'Script error',
  'limit-time': 'Time limit',
  'limit-memory': 'Memory limit',
}

function where(origin: ScriptOrigin): string {
  const level = origin.level === 'request' ? 'the request' : `${origin.level} “${origin.name}”`
  return `${level}, ${origin.phase === 'prerequest' ? 'pre-request' : 'post-response'} script`
}

/** An expanded step: the send's error, each script error with its line, and each test with ✓/✗ and why. */
export function StepDetails({ step }: { step: RunStep }) {
  const report = step.record.scripts
  const tests = report?.tests ?? []
  return (
    <div className="run-step">
      {step.record.error ? (
        <p className="run-step__error">
          <strong>{step.record.error.code}</strong>: {step.record.error.message}
        </p>
      ) : null}
      {(report?.errors ?? []).map((error, index) => (
        <p key={index} className="run-step__error">
          <strong>{KIND[error.kind]}</strong> in {where(error.origin)}
          {error.line ? `, line ${error.line}` : ''}: {error.message}
        </p>
      ))}
      {report?.skipped ? <p className="hint">A pre-request script skipped this request.</p> : null}
      {tests.length > 0 ? (
        <ul className="run-step__tests" aria-label={`Tests of ${step.name}, iteration ${step.iteration + 1}`}>
          {tests.map((test, index) => (
            <li key={index} className={test.skipped ? 'is-skip' : test.passed ? 'is-pass' : 'is-fail'}>
              <span className="run-step__mark" aria-hidden="true">
                {test.skipped ? '–' : test.passed ? '✓' : '✗'}
              </span>
              <span>
                <span className="visually-hidden">
                  {test.skipped ? 'Skipped: ' : test.passed ? 'Passed: ' : 'Failed: '}
                </span>
                {test.name}
                {test.error ? <span className="run-step__reason">{test.error}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">This request has no tests.</p>
      )}
    </div>
  )
}
