import type { Pair } from '@courier/shared'

/** Response headers in the order received, duplicates kept. */
export function ResponseHeaders({ headers }: { headers: Pair[] }) {
  if (headers.length === 0) return <p className="empty-note">No headers.</p>
  return (
    <table className="headers-table" aria-label="Response headers">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={index}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
