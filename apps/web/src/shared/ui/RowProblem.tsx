/**
 * A half-filled row says what it lacks on the row itself: a red outline (`rowProblemClass`), the
 * sentence under the field, and the field marked invalid and described by that sentence.
 */
export const rowProblemClass = (problem: string | undefined) => (problem ? ' kv-table__row--problem' : '')

export const problemFieldProps = (problem: string | undefined, id: string) =>
  problem ? { 'aria-invalid': true as const, 'aria-describedby': id } : {}

export function RowProblem({ problem, id }: { problem: string | undefined; id: string }) {
  if (!problem) return null
  return (
    <span id={id} className="kv-table__note kv-table__note--problem">
      {problem}
    </span>
  )
}
