import { rowProblem, type Row } from '@courier/shared'
import { useId } from 'react'
import { VariableInput } from '../variables/VariableInput'
import { replaceAt } from './replace-at'
import { problemFieldProps, RowProblem, rowProblemClass } from './RowProblem'
import { RowsTableHead } from './RowsTableHead'
import './key-value-table.css'

type KeyValueTableProps = {
  /** Names the table for screen readers, e.g. "Query parameters". */
  label: string
  rows: Row[]
  onChange: (rows: Row[]) => void
  keyPlaceholder?: string
  valuePlaceholder?: string
  /** Fixed names (path params): no add row, no remove, no enable toggle, keys read-only. */
  fixedKeys?: boolean
  /** Suggestions for the key column (header names). */
  keySuggestions?: readonly string[]
  /** Suggestions for a row's value, by its name (common header values). */
  valueSuggestions?: (name: string) => readonly string[]
  /** Marks a row, e.g. a header Courier overrides; keyed by row index. */
  rowNotes?: Record<number, string>
  monospace?: boolean
}

/**
 * Ordered name/value rows with an enable switch each: params, headers, form fields.
 * A last empty line adds a row as you type in it, like every API client people know.
 */
export function KeyValueTable({
  label,
  rows,
  onChange,
  keyPlaceholder = 'Key',
  valuePlaceholder = 'Value',
  fixedKeys = false,
  keySuggestions,
  valueSuggestions,
  rowNotes,
  monospace = true,
}: KeyValueTableProps) {
  const tableId = useId()
  const listId = keySuggestions ? `${tableId}-keys` : undefined
  const lines: (Row | null)[] = fixedKeys ? rows : [...rows, null]
  return (
    <table className={`kv-table${monospace ? ' kv-table--mono' : ''}`} aria-label={label}>
      <RowsTableHead columns={[fixedKeys ? 'Name' : 'Key', 'Value']} />
      <tbody>
        {lines.map((row, index) => {
          const isNew = row === null
          const [name, value, enabled] = row ?? ['', '', true]
          const note = rowNotes?.[index]
          const problem = isNew || fixedKeys || !enabled ? undefined : rowProblem([name, value, enabled])
          const problemId = `${tableId}-problem-${index}`
          const values = valueSuggestions?.(name) ?? []
          const valueListId = values.length > 0 ? `${tableId}-values-${index}` : undefined
          return (
            <tr
              key={index}
              className={`kv-table__row${!enabled ? ' kv-table__row--off' : ''}${isNew ? ' kv-table__row--new' : ''}${rowProblemClass(problem)}`}
              title={problem}
            >
              <td className="kv-table__check">
                {fixedKeys || isNew ? null : (
                  <input
                    type="checkbox"
                    aria-label="Enabled"
                    checked={enabled}
                    onChange={(event) => onChange(replaceAt(rows, index, [name, value, event.target.checked]))}
                  />
                )}
              </td>
              <td>
                <input
                  type="text"
                  aria-label="Key"
                  className="kv-table__input"
                  value={name}
                  placeholder={isNew ? keyPlaceholder : ''}
                  readOnly={fixedKeys}
                  list={listId}
                  spellCheck={false}
                  autoComplete="off"
                  {...problemFieldProps(problem, problemId)}
                  onChange={(event) =>
                    onChange(
                      isNew
                        ? [...rows, [event.target.value, '', true]]
                        : replaceAt(rows, index, [event.target.value, value, enabled]),
                    )
                  }
                />
                <RowProblem problem={problem} id={problemId} />
              </td>
              <td>
                <VariableInput
                  aria-label="Value"
                  className="kv-table__input"
                  value={value}
                  list={valueListId}
                  placeholder={isNew ? valuePlaceholder : ''}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(text) =>
                    onChange(isNew ? [...rows, ['', text, true]] : replaceAt(rows, index, [name, text, enabled]))
                  }
                />
                {note ? <span className="kv-table__note">{note}</span> : null}
                {valueListId ? (
                  <datalist id={valueListId}>
                    {values.map((suggestion) => (
                      <option key={suggestion} value={suggestion} />
                    ))}
                  </datalist>
                ) : null}
              </td>
              <td className="kv-table__actions">
                {fixedKeys || isNew ? null : (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${name || 'row'}`}
                    title="Remove"
                    onClick={() => onChange(rows.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
      {listId ? (
        <datalist id={listId}>
          {keySuggestions!.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      ) : null}
    </table>
  )
}
