import { HIDDEN_SECRET_VALUE, variableProblem, type Variable } from '@courier/shared'
import { useId, useRef, useState } from 'react'
import { replaceAt } from './replace-at'
import { problemFieldProps, RowProblem, rowProblemClass } from './RowProblem'
import { RowsTableHead } from './RowsTableHead'
import './variables-table.css'

type VariablesTableProps = { label: string; variables: Variable[]; onChange: (variables: Variable[]) => void }

/** On a team server, a secret whose value only owners and admins may read comes as this placeholder. */
const isHidden = (v: Variable) => v.secret && v.value === HIDDEN_SECRET_VALUE

/**
 * Variables as rows: name, value, enabled, secret. Secret values are masked until revealed
 * (they are sealed at rest and masked in history, exports and generated code). A secret hidden
 * from me shows a hint: typing replaces its value, leaving the field empty keeps it.
 */
export function VariablesTable({ label, variables, onChange }: VariablesTableProps) {
  const [revealed, setRevealed] = useState<Set<number>>(new Set())
  const tableId = useId()
  // Names of secrets that came hidden: emptying one again gives back the placeholder (keeps it).
  const cameHidden = useRef(new Set<string>())
  for (const v of variables) if (isHidden(v)) cameHidden.current.add(v.name)
  const rows: (Variable | null)[] = [...variables, null]
  return (
    <table className="kv-table kv-table--mono variables-table" aria-label={label}>
      <RowsTableHead columns={['Variable', 'Value', { label: 'Secret', className: 'variables-table__secret' }]} />
      <tbody>
        {rows.map((variable, index) => {
          const isNew = variable === null
          const v = variable ?? { name: '', value: '', enabled: true, secret: false }
          const hidden = !isNew && isHidden(v)
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
                  readOnly={hidden}
                  title={hidden ? 'Only owners and admins can rename a secret whose value is hidden.' : undefined}
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
                    type={masked && !hidden ? 'password' : 'text'}
                    autoComplete="off"
                    placeholder={hidden ? 'hidden' : isNew ? 'Value' : ''}
                    title={hidden ? 'Hidden: only owners and admins can see this value; typing replaces it' : undefined}
                    value={hidden ? '' : v.value}
                    spellCheck={false}
                    onChange={(e) => {
                      // Emptied again: back to the placeholder, which keeps the stored value.
                      const value =
                        e.target.value === '' && v.secret && cameHidden.current.has(v.name)
                          ? HIDDEN_SECRET_VALUE
                          : e.target.value
                      onChange(isNew ? [...variables, { ...v, value }] : replaceAt(variables, index, { ...v, value }))
                    }}
                  />
                  {v.secret && !isNew && !hidden ? (
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
                    disabled={hidden}
                    title={hidden ? 'Only owners and admins can make this secret a plain variable.' : undefined}
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
