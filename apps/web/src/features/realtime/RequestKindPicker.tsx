import { REQUEST_KINDS, type RequestKind } from './request-kind'

/** HTTP, WebSocket, Socket.IO, SSE or GraphQL subscription: what the URL bar opens. */
export function RequestKindPicker({ value, onChange }: { value: RequestKind; onChange: (kind: RequestKind) => void }) {
  return (
    <select
      className="request-kind"
      aria-label="Request kind"
      title="Request kind"
      value={value}
      onChange={(event) => onChange(event.target.value as RequestKind)}
    >
      {REQUEST_KINDS.map(({ kind, label }) => (
        <option key={kind} value={kind}>
          {label}
        </option>
      ))}
    </select>
  )
}
