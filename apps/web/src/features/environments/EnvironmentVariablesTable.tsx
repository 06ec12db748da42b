import { HIDDEN_SECRET_VALUE, variableProblem, type CurrentValue, type EnvironmentVariable } from '@courier/shared'
import { useEffect, useId, useState } from 'react'
import { replaceAt } from '../../shared/ui/replace-at'
import { problemFieldProps, RowProblem, rowProblemClass } from '../../shared/ui/RowProblem'
import { RowsTableHead } from '../../shared/ui/RowsTableHead'
import '../../shared/ui/variables-table.css'

/** What a hidden secret's shared value reads as: the person may replace it, never read it. */
export const HIDDEN_HINT = 'hidden — only owners and admins can see this value'

type Props = {
  label: string
  variables: EnvironmentVariable[]
  current: readonly CurrentValue[]
  onChange: (variables: EnvironmentVariable[]) => void
  /** Sets (a string) or clears (null) my current value at once: it is mine alone, no Save needed. */
  onCurrent: (name: string, value: string | null) => void
  /** Names of the secrets whose stored value is hidden from me: emptying one keeps its value. */
  hiddenNames: ReadonlySet<string>
}

/** The variable with a value of its own (no longer the hidden placeholder). */
function withValue(v: EnvironmentVariable, value: string): EnvironmentVariable {
  const next = { ...v, value }
  delete next.valueHidden
  return next
}

/** My current value of one variable: kept while typing, saved when the field is left or Enter pressed. */
function CurrentValueInput({
  name,
  value,
  masked,
  onCommit,
}: {
  name: string
  value: string | undefined
  masked: boolean
  onCommit: (value: string | null) => void
}) {
  const [text, setText] = useState(value ?? '')
  useEffect(() => setText(value ?? ''), [value])
  const commit = () => {
    if (text !== (value ?? '')) onCommit(text === '' ? null : text)
  }
  return (
    <input
      className="kv-table__input"
      aria-label={`Current value for ${name}`}
      type={masked ? 'password' : 'text'}
      autoComplete="off"
      placeholder="Shared value used"
      value={text}
      spellCheck={false}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  )
}

/**
 * An environment's variables as rows: name, shared value (saved for everyone with Save), my
 * current value (mine alone, used by my sends in place of the shared one), secret. A secret whose
 * shared value I may not read shows a hint instead; typing replaces it, leaving it keeps it.
 */
export function EnvironmentVariablesTable({ label, variables, current, onChange, onCurrent, hiddenNames }: Props) {
  const [revealed, setRevealed] = useState<Set<number>>(new Set())
  const tableId = useId()
  const mine = new Map(current.map((c) => [c.name, c.value]))
  const rows: (EnvironmentVariable | null)[] = [...variables, null]
  const set = (index: number, next: EnvironmentVariable) => onChange(replaceAt(variables, index, next))
  const hiddenRows = variables.filter((v) => v.valueHidden === true).map((v) => v.name)
  return (
    <>
      <table className="kv-table kv-table--mono variables-table env-variables" aria-label={label}>
        <RowsTableHead
          columns={[
            'Variable',
            'Shared value',
            'Current value',
            { label: 'Secret', className: 'variables-table__secret' },
          ]}
          actionsClassName="kv-table__actions env-variables__actions"
        />
        <tbody>
          {rows.map((variable, index) => {
            const isNew = variable === null
            const v = variable ?? { name: '', value: '', enabled: true, secret: false }
            const hidden = v.valueHidden === true
            const masked = v.secret && !revealed.has(index)
            const problem = isNew || !v.enabled ? undefined : variableProblem(v)
            const problemId = `${tableId}-problem-${index}`
            const currentValue = isNew ? undefined : mine.get(v.name)
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
                      onChange={(e) => set(index, { ...v, enabled: e.target.checked })}
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
                      isNew
                        ? onChange([...variables, { ...v, name: e.target.value }])
                        : set(index, { ...v, name: e.target.value })
                    }
                  />
                  <RowProblem problem={problem} id={problemId} />
                </td>
                <td>
                  <span className="variables-table__value">
                    <input
                      className={`kv-table__input${hidden ? ' env-variables__hidden' : ''}`}
                      aria-label={`Value of ${v.name || 'new variable'} (shared)`}
                      type={masked && !hidden ? 'password' : 'text'}
                      autoComplete="off"
                      placeholder={hidden ? 'hidden' : isNew ? 'Value' : ''}
                      title={hidden ? `${HIDDEN_HINT}; typing replaces it` : undefined}
                      aria-describedby={hidden ? `${tableId}-hidden` : undefined}
                      value={hidden ? '' : v.value}
                      spellCheck={false}
                      onChange={(e) => {
                        const value = e.target.value
                        if (isNew) return onChange([...variables, { ...v, value }])
                        // Emptied again: the hidden value stays as it is (the placeholder goes back, flagged, never as a value).
                        if (value === '' && v.secret && hiddenNames.has(v.name))
                          return set(index, { ...v, value: HIDDEN_SECRET_VALUE, valueHidden: true })
                        set(index, withValue(v, value))
                      }}
                    />
                    {v.secret && !isNew && !hidden ? (
                      <button
                        type="button"
                        className="link-button variables-table__reveal"
                        aria-label={`${masked ? 'Show' : 'Hide'} ${v.name}`}
                        onClick={() =>
                          setRevealed((was) => {
                            const next = new Set(was)
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
                <td>
                  {isNew || v.name === '' ? null : (
                    <CurrentValueInput
                      name={v.name}
                      value={currentValue}
                      masked={masked}
                      onCommit={(value) => onCurrent(v.name, value)}
                    />
                  )}
                </td>
                <td className="variables-table__secret">
                  {isNew ? null : (
                    <input
                      type="checkbox"
                      aria-label={`${v.name} is secret`}
                      checked={v.secret}
                      disabled={hidden}
                      title={hidden ? 'Only owners and admins can make this secret a plain variable.' : undefined}
                      onChange={(e) => set(index, { ...v, secret: e.target.checked })}
                    />
                  )}
                </td>
                <td className="kv-table__actions env-variables__actions">
                  {isNew ? null : (
                    <>
                      {currentValue !== undefined ? (
                        <>
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Persist current value of ${v.name}`}
                            title="Copy your current value into the shared value (Save shares it)"
                            onClick={() => set(index, withValue(v, currentValue))}
                          >
                            Persist
                          </button>
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Reset current value of ${v.name}`}
                            title="Clear your current value: your sends use the shared value again"
                            onClick={() => onCurrent(v.name, null)}
                          >
                            Reset
                          </button>
                        </>
                      ) : null}
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Remove ${v.name || 'variable'}`}
                        onClick={() => onChange(variables.filter((_, i) => i !== index))}
                      >
                        ×
                      </button>
                    </>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {hiddenRows.length > 0 ? (
        <p className="hint env-variables__hidden-note" id={`${tableId}-hidden`}>
          <strong>{hiddenRows.join(', ')}</strong>: {HIDDEN_HINT}. Your sends still use it; type a new value to replace
          it.
        </p>
      ) : null}
    </>
  )
}
