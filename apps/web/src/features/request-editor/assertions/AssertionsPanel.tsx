import type { Assertion, AssertionOperator, AssertionSource } from '@courier/shared'
import { useId } from 'react'
import { replaceAt } from '../../../shared/ui/replace-at'
import { problemFieldProps, RowProblem, rowProblemClass } from '../../../shared/ui/RowProblem'
import { RowsTableHead } from '../../../shared/ui/RowsTableHead'
import {
  assertionProblem,
  hasTarget,
  KINDS,
  newAssertion,
  OPERATOR_LABELS,
  OPERATORS_OF,
  takesValue,
  withSource,
} from './assertion-rows'
import './assertions.css'

const TARGET_PLACEHOLDER: Partial<Record<AssertionSource, string>> = { header: 'Content-Type', json: '$.data[0].id' }
const VALUE_PLACEHOLDER: Record<AssertionSource, string> = {
  status: '200',
  header: 'application/json',
  json: 'expected value',
  body: 'text',
  responseTime: 'ms',
  jsonSchema: '',
}

/** Checks on the answer without code: each row is a test in the response's Tests tab. */
export function AssertionsPanel({
  assertions,
  onAssertions,
}: {
  assertions: Assertion[]
  onAssertions: (assertions: Assertion[]) => void
}) {
  const tableId = useId()
  const update = (index: number, row: Assertion) => onAssertions(replaceAt(assertions, index, row))
  return (
    <div className="panel-stack">
      <p className="hint">
        After each send, Courier checks the response against these rows; each one is a test in the response’s Tests tab.
      </p>
      {assertions.length > 0 ? (
        <table className="kv-table assertions" aria-label="Assertions">
          <RowsTableHead
            columns={[
              { label: 'Kind', className: 'assertions__kind' },
              'Target',
              { label: 'Operator', className: 'assertions__operator' },
              'Expected',
            ]}
          />
          <tbody>
            {assertions.map((row, index) => {
              const problem = row.enabled ? assertionProblem(row) : undefined
              const problemId = `${tableId}-problem-${index}`
              const name = `assertion ${index + 1}`
              const onTarget = problem?.field === 'expression'
              return (
                <tr
                  key={index}
                  className={`kv-table__row${row.enabled ? '' : ' kv-table__row--off'}${rowProblemClass(problem?.message)}`}
                >
                  <td className="kv-table__check">
                    <input
                      type="checkbox"
                      aria-label={`Enabled ${name}`}
                      checked={row.enabled}
                      onChange={(e) => update(index, { ...row, enabled: e.target.checked })}
                    />
                  </td>
                  <td className="assertions__kind">
                    <select
                      aria-label={`Kind of ${name}`}
                      value={row.source}
                      onChange={(e) => update(index, withSource(row, e.target.value as AssertionSource))}
                    >
                      {KINDS.map((kind) => (
                        <option key={kind.source} value={kind.source}>
                          {kind.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {hasTarget(row.source) ? (
                      <input
                        className="kv-table__input kv-table__input--mono"
                        aria-label={`Target of ${name}`}
                        placeholder={TARGET_PLACEHOLDER[row.source]}
                        value={row.expression}
                        spellCheck={false}
                        {...problemFieldProps(onTarget ? problem?.message : undefined, problemId)}
                        onChange={(e) => update(index, { ...row, expression: e.target.value })}
                      />
                    ) : (
                      <span className="assertions__none">—</span>
                    )}
                    {onTarget ? <RowProblem problem={problem?.message} id={problemId} /> : null}
                  </td>
                  <td className="assertions__operator">
                    <select
                      aria-label={`Operator of ${name}`}
                      value={row.operator}
                      onChange={(e) => update(index, { ...row, operator: e.target.value as AssertionOperator })}
                    >
                      {OPERATORS_OF[row.source].map((operator) => (
                        <option key={operator} value={operator}>
                          {OPERATOR_LABELS[operator]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {!takesValue(row.operator) ? (
                      <span className="assertions__none">—</span>
                    ) : row.source === 'jsonSchema' ? (
                      <textarea
                        className="kv-table__input kv-table__input--mono assertions__schema"
                        aria-label={`Expected value of ${name}`}
                        value={row.value}
                        rows={Math.min(12, Math.max(3, row.value.split('\n').length))}
                        spellCheck={false}
                        {...problemFieldProps(onTarget ? undefined : problem?.message, problemId)}
                        onChange={(e) => update(index, { ...row, value: e.target.value })}
                      />
                    ) : (
                      <input
                        className="kv-table__input kv-table__input--mono"
                        aria-label={`Expected value of ${name}`}
                        placeholder={VALUE_PLACEHOLDER[row.source]}
                        value={row.value}
                        spellCheck={false}
                        {...problemFieldProps(onTarget ? undefined : problem?.message, problemId)}
                        onChange={(e) => update(index, { ...row, value: e.target.value })}
                      />
                    )}
                    {onTarget ? null : <RowProblem problem={problem?.message} id={problemId} />}
                  </td>
                  <td className="kv-table__actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Delete ${name}`}
                      onClick={() => onAssertions(assertions.filter((_, i) => i !== index))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : (
        <p className="empty-note">No assertions yet. Add one to check the status, a header or a value in the body.</p>
      )}
      <div>
        <button
          type="button"
          className="button button--small"
          onClick={() => onAssertions([...assertions, newAssertion()])}
        >
          + Add assertion
        </button>
      </div>
      <p className="hint">
        JSONPath takes an RFC 9535 path such as <code>$.items[0].name</code> and checks its first match; numbers compare
        as numbers. JSON Schema checks the whole JSON body.
      </p>
    </div>
  )
}
