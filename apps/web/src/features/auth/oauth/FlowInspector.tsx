import type { OAuthFlowView, OAuthHttpExchange, OAuthStep, Pair } from '@courier/shared'
import { formatClock, statusClass } from '../../../shared/format/format'
import { ErrorAlert } from '../../../shared/ui/ErrorAlert'

const ICON: Record<OAuthStep['status'], string> = { done: '✓', failed: '✕', waiting: '…', skipped: '–' }

function PairsTable({ label, pairs }: { label: string; pairs: Pair[] }) {
  return (
    <table className="flow-pairs" aria-label={label}>
      <tbody>
        {pairs.map(([name, value], index) => (
          <tr key={index}>
            <th scope="row">{name}</th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Exchange({ exchange, title }: { exchange: OAuthHttpExchange; title: string }) {
  const { request, response } = exchange
  return (
    <div className="flow-exchange" role="group" aria-label={`${title}: HTTP exchange`}>
      <p className="flow-exchange__line">
        <span className="flow-exchange__method">{request.method}</span> <code>{request.url}</code>
      </p>
      <PairsTable label={`${title} request headers`} pairs={request.headers} />
      {request.body ? (
        <pre className="flow-exchange__body" aria-label={`${title} request body`}>
          {request.body}
        </pre>
      ) : null}
      {response ? (
        <>
          <p className="flow-exchange__line">
            <span className={`status-pill status-pill--${statusClass(response.status)}`}>
              {response.status} {response.statusText}
            </span>
            {exchange.durationMs !== undefined ? (
              <span className="flow-exchange__ms">{Math.round(exchange.durationMs)} ms</span>
            ) : null}
          </p>
          <PairsTable label={`${title} response headers`} pairs={response.headers} />
          {response.body ? (
            <pre className="flow-exchange__body" aria-label={`${title} response body`}>
              {response.body}
            </pre>
          ) : null}
        </>
      ) : (
        <p className="hint">No answer arrived.</p>
      )}
    </div>
  )
}

function Step({ step }: { step: OAuthStep }) {
  const hasDetails = step.url || step.params?.length || step.exchange
  return (
    <li className={`flow-step flow-step--${step.status}`} aria-label={`${step.title}: ${step.status}`}>
      <div className="flow-step__head">
        <span className="flow-step__icon" aria-hidden="true">
          {ICON[step.status]}
        </span>
        <span className="flow-step__title">{step.title}</span>
        <span className="flow-step__time">{formatClock(step.at)}</span>
      </div>
      {step.summary ? <p className="flow-step__summary">{step.summary}</p> : null}
      {step.checks.length ? (
        <ul className="flow-checks" aria-label={`${step.title} checks`}>
          {step.checks.map((check, index) => (
            <li key={index} className={`flow-check flow-check--${check.ok ? 'ok' : 'warn'}`}>
              <span aria-hidden="true">{check.ok ? '✓' : '!'}</span> {check.label}
              {check.detail ? <span className="flow-check__detail"> — {check.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {step.error ? <ErrorAlert code={step.error.code} message={step.error.message} /> : null}
      {hasDetails ? (
        <details className="flow-step__details" open={step.status === 'failed'}>
          <summary>{step.exchange ? 'HTTP exchange' : 'Parameters'}</summary>
          {step.url ? (
            <p className="flow-exchange__line">
              <code>{step.url}</code>
            </p>
          ) : null}
          {step.params?.length ? <PairsTable label={`${step.title} parameters`} pairs={step.params} /> : null}
          {step.exchange ? <Exchange exchange={step.exchange} title={step.title} /> : null}
        </details>
      ) : null}
    </li>
  )
}

/** Every step of a flow with what was sent and answered, secrets masked by the server. */
export function FlowInspector({ flow }: { flow: OAuthFlowView }) {
  return (
    <section className="flow-inspector" aria-label="Flow inspector">
      <h3 className="section-title">Flow inspector</h3>
      <ol className="flow-steps">
        {flow.steps.map((step, index) => (
          <Step key={index} step={step} />
        ))}
      </ol>
    </section>
  )
}
