import type { GraphqlOperation } from '@courier/shared'

/**
 * With several operations in the document the server needs to be told which one to run: a combobox of
 * them sets `operationName`. With one (or none) a free text field stays, empty unless set.
 */
export function OperationPicker({
  operations,
  value,
  onChange,
}: {
  operations: GraphqlOperation[]
  value: string | undefined
  onChange: (name: string | undefined) => void
}) {
  const named = operations.filter((op) => op.name)
  if (named.length < 2)
    return (
      <input
        className="graphql-body__operation"
        aria-label="Operation name"
        placeholder="operation name (optional)"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
      />
    )
  const known = named.some((op) => op.name === value)
  return (
    <select
      className="graphql-body__operation"
      aria-label="Operation"
      value={known ? value : ''}
      onChange={(event) => onChange(event.target.value || undefined)}
    >
      {!known ? <option value="">Choose an operation…</option> : null}
      {named.map((op) => (
        <option key={op.name} value={op.name}>
          {op.name} ({op.type})
        </option>
      ))}
    </select>
  )
}
