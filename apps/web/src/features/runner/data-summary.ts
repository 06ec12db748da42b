import type { DataRow } from '@courier/shared'

/** "2 rows · columns name, expected": what the chosen data file holds, columns in first-seen order. */
export function describeData(rows: readonly DataRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const count = `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`
  if (columns.length === 0) return count
  return `${count} · ${columns.length === 1 ? 'column' : 'columns'} ${columns.join(', ')}`
}
