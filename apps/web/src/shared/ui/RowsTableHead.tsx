import './key-value-table.css'

type Column = string | { label: string; className: string }

/**
 * The head of a table of switchable rows (params, headers, variables, parts, captures): an
 * "Enabled" column, the named columns, and an "Actions" column, the first and last named for
 * screen readers only.
 */
export function RowsTableHead({
  columns,
  actionsClassName = 'kv-table__actions',
}: {
  columns: readonly Column[]
  actionsClassName?: string
}) {
  return (
    <thead>
      <tr>
        <th className="kv-table__check" scope="col">
          <span className="visually-hidden">Enabled</span>
        </th>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.label} scope="col" className={column.className}>
              {column.label}
            </th>
          ),
        )}
        <th className={actionsClassName} scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  )
}
