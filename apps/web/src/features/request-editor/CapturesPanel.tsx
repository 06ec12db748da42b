import { captureProblem, type CaptureRule } from '@courier/shared'
import { useId } from 'react'
import { replaceAt } from '../../shared/ui/replace-at'
import { problemFieldProps, RowProblem, rowProblemClass } from '../../shared/ui/RowProblem'
import { RowsTableHead } from '../../shared/ui/RowsTableHead'

const PLACEHOLDER: Record<CaptureRule['source'], string> = {
  json: '$.access_token',
  header: 'X-Request-Id',
  status: '',
}

/** "Set variable from response": after each send, values from this response go into variables. */
export function CapturesPanel({
  captures,
  onCaptures,
}: {
  captures: CaptureRule[]
  onCaptures: (captures: CaptureRule[]) => void
}) {
  const tableId = useId()
  return (
    <div className="panel-stack">
      <p className="hint captures__intro">
        After each send, store a value from the response in a variable, so a login's token feeds the next request as{' '}
        <code>{'{{token}}'}</code>.
      </p>
      {captures.length > 0 ? (
        <table className="kv-table captures" aria-label="Captures">
          <RowsTableHead
            columns={[
              'Variable',
              { label: 'From', className: 'captures__source' },
              'Expression',
              { label: 'Into', className: 'captures__scope' },
            ]}
          />
          <tbody>
            {captures.map((rule, index) => {
              const problem = rule.enabled ? captureProblem(rule) : undefined
              const problemId = `${tableId}-problem-${index}`
              const onVariable = problem && !rule.variable.trim()
              return (
                <tr
                  key={index}
                  className={`kv-table__row${rule.enabled ? '' : ' kv-table__row--off'}${rowProblemClass(problem)}`}
                  title={problem}
                >
                  <td className="kv-table__check">
                    <input
                      type="checkbox"
                      aria-label="Enabled"
                      checked={rule.enabled}
                      onChange={(e) => onCaptures(replaceAt(captures, index, { ...rule, enabled: e.target.checked }))}
                    />
                  </td>
                  <td>
                    <input
                      className="kv-table__input kv-table__input--mono"
                      aria-label="Capture variable"
                      placeholder="token"
                      value={rule.variable}
                      spellCheck={false}
                      {...problemFieldProps(onVariable ? problem : undefined, problemId)}
                      onChange={(e) => onCaptures(replaceAt(captures, index, { ...rule, variable: e.target.value }))}
                    />
                    {onVariable ? <RowProblem problem={problem} id={problemId} /> : null}
                  </td>
                  <td className="captures__source">
                    <select
                      aria-label={`Source of ${rule.variable || 'capture'}`}
                      value={rule.source}
                      onChange={(e) =>
                        onCaptures(
                          replaceAt(captures, index, { ...rule, source: e.target.value as CaptureRule['source'] }),
                        )
                      }
                    >
                      <option value="json">JSON body</option>
                      <option value="header">Header</option>
                      <option value="status">Status</option>
                    </select>
                  </td>
                  <td>
                    <input
                      className="kv-table__input kv-table__input--mono"
                      aria-label={`Expression of ${rule.variable || 'capture'}`}
                      placeholder={PLACEHOLDER[rule.source]}
                      disabled={rule.source === 'status'}
                      value={rule.source === 'status' ? '' : rule.expression}
                      spellCheck={false}
                      {...problemFieldProps(onVariable ? undefined : problem, problemId)}
                      onChange={(e) => onCaptures(replaceAt(captures, index, { ...rule, expression: e.target.value }))}
                    />
                    {onVariable ? null : <RowProblem problem={problem} id={problemId} />}
                  </td>
                  <td className="captures__scope">
                    <select
                      aria-label={`Target of ${rule.variable || 'capture'}`}
                      value={rule.scope}
                      onChange={(e) =>
                        onCaptures(
                          replaceAt(captures, index, { ...rule, scope: e.target.value as CaptureRule['scope'] }),
                        )
                      }
                    >
                      <option value="environment">Active environment</option>
                      <option value="global">Globals</option>
                    </select>
                  </td>
                  <td className="kv-table__actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove capture ${rule.variable}`}
                      onClick={() => onCaptures(captures.filter((_, i) => i !== index))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}
      <div>
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            onCaptures([
              ...captures,
              { variable: '', source: 'json', expression: '', scope: 'environment', enabled: true },
            ])
          }
        >
          + Capture a value
        </button>
      </div>
      <p className="hint">
        JSON body takes a JSONPath (RFC 9535) such as <code>$.data.items[0].id</code>; the first match is stored.
        Without an active environment, values go to the globals.
      </p>
    </div>
  )
}
