import type { Pair, Row } from '@courier/shared'
import { KeyValueTable } from '../../shared/ui/KeyValueTable'
import { RowsEditor } from '../../shared/ui/RowsEditor'

type ParamsPanelProps = {
  params: Row[]
  pathParams: Pair[]
  onParams: (rows: Row[]) => void
  onPathParams: (pairs: Pair[]) => void
}

/** Query rows kept in sync with the URL both ways, and a Path table for `:id` / `{id}` segments. */
export function ParamsPanel({ params, pathParams, onParams, onPathParams }: ParamsPanelProps) {
  return (
    <div className="panel-stack">
      <RowsEditor title="Query parameters" rows={params} onChange={onParams} keyPlaceholder="Add parameter" />
      {pathParams.length > 0 ? (
        <section aria-label="Path parameters">
          <h3 className="section-title">Path parameters</h3>
          <KeyValueTable
            label="Path parameters"
            fixedKeys
            rows={pathParams.map(([name, value]): Row => [name, value, true])}
            onChange={(rows) => onPathParams(rows.map(([name, value]): Pair => [name, value]))}
            valuePlaceholder="Value for this segment"
          />
        </section>
      ) : null}
    </div>
  )
}
