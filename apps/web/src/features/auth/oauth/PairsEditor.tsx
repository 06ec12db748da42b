import type { Pair, Row } from '@courier/shared'
import { useState } from 'react'
import { KeyValueTable } from '../../../shared/ui/KeyValueTable'

/** Extra parameters are pairs in the config; the table keeps its disabled rows while it is open. */
export function PairsEditor({
  label,
  pairs,
  onChange,
}: {
  label: string
  pairs: Pair[]
  onChange: (pairs: Pair[]) => void
}) {
  const [rows, setRows] = useState<Row[]>(() => pairs.map(([name, value]) => [name, value, true]))
  return (
    <KeyValueTable
      label={label}
      rows={rows}
      keyPlaceholder="Parameter"
      onChange={(next) => {
        setRows(next)
        onChange(
          next.filter(([name, , enabled]) => enabled && name.trim() !== '').map(([name, value]) => [name, value]),
        )
      }}
    />
  )
}
