import { variableProblem, type Variable } from '@courier/shared'
import { useId, useState } from 'react'
import { replaceAt } from './replace-at'
import { problemFieldProps, RowProblem, rowProblemClass } from './RowProblem'
import { RowsTableHead } from './RowsTableHead'
import './variables-table.css'

type VariablesTableProps = { label: string; variables: Variable[]; onChange: (variables: Variable[]) => void }

/**
 * Variables as rows: name, value, enabled, secret. Secret values are masked until revealed
 * (they are sealed at rest and masked in history, exports and generated code).
 */
export function VariablesTable({ label, variables, onChange }: VariablesTableProps) {
  const [revealed, setRevealed] = useState<Set<number>>(new Set())
  const tableId = useId()
  const rows: (Variable | null)[] = [...variables, null]
  return (
    <table className="kv-table kv-table--mono variables-table" aria-label={label}>
      <RowsTableHead columns={['Variable', 'Value', { label: 'Secret', className: 'variables-table__secret' }]} />
      <tbody>
        {rows.map((variable, index) => {
          const isNew = variable === null
          const v = variable ?? { name: '', value: '', enabled: true, secret: false }
          const masked = v.secret && !revealed.has(index)
          const problem = isNew || !v.enabled ? undefined : variableProblem(v)
          const problemId = `${tableId}-problem-${index}`
          return (
            <tr
              key={index}
              className={`kv-table__row${v.enabled ? '' : ' kv-table__row--off'}${rowProblemClass(problem)}`}
              title={problem}
            >
              <td className="kv-table__check">
                {isNew ? null : (
                  <input
                    type="checkbox"
                    aria-label="Enabled"
                    checked={v.enabled}
                    onChange={(e) => onChange(replaceAt(variables, index, { ...v, enabled: e.target.checked }))}
                  />
                )}
              </td>
              <td>
                <input
                  className="kv-table__input"
                  aria-label="Variable name"
                  placeholder={isNew ? 'Add variable' : ''}
                  value={v.name}
                  spellCheck={false}
                  {...problemFieldProps(problem, problemId)}
                  onChange={(e) =>
                    onChange(
                      isNew
                        ? [...variables, { ...v, name: e.target.value }]
                        : replaceAt(variables, index, { ...v, name: e.target.value }),
                    )
                  }
                />
                <RowProblem problem={problem} id={problemId} />
              </td>
              <td>
                <span className="variables-table__value">
                  <input
                    className="kv-table__input"
                    aria-label={`Value of ${v.name || 'new variable'}`}
                    type={masked ? 'password' : 'text'}
                    autoComplete="off"
                    placeholder={isNew ? 'Value' : ''}
                    value={v.value}
                    spellCheck={false}
                    onChange={(e) =>
                      onChange(
                        isNew
                          ? [...variables, { ...v, value: e.target.value }]
                          : replaceAt(variables, index, { ...v, value: e.target.value }),
                      )
                    }
                  />
                  {v.secret && !isNew ? (
                    <button
                      type="button"
                      className="link-button variables-table__reveal"
                      aria-label={`${masked ? 'Show' : 'Hide'} ${v.name}`}
                      onClick={() =>
                        setRevealed((current) => {
                          const next = new Set(current)
                          if (next.has(index)) next.delete(index)
                          else next.add(index)
                          return next
                        })
                      }
                    >
                      {masked ? 'Show' : 'Hide'}
                    </button>
                  ) : null}
                </span>
              </td>
              <td className="variables-table__secret">
                {isNew ? null : (
                  <input
                    type="checkbox"
                    aria-label={`${v.name} is secret`}
                    checked={v.secret}
                    onChange={(e) => onChange(replaceAt(variables, index, { ...v, secret: e.target.checked }))}
                  />
                )}
              </td>
              <td className="kv-table__actions">
                {isNew ? null : (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${v.name || 'variable'}`}
                    onClick={() => onChange(variables.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
