import type { RealtimeHandshake } from '@courier/shared'

function HeaderList({ label, headers }: { label: string; headers: [string, string][] }) {
  if (headers.length === 0) return null
  return (
    <>
      <h4 className="realtime-handshake__title">{label}</h4>
      <dl className="realtime-handshake__list" aria-label={label}>
        {headers.map(([name, value], index) => (
          <div key={`${name}-${index}`}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}

/** The upgrade as Courier saw it, folded away until asked for. */
export function HandshakeDetails({ handshake }: { handshake: RealtimeHandshake }) {
  return (
    <details className="realtime-handshake">
      <summary>
        Handshake{handshake.status ? ` · ${handshake.status} ${handshake.statusText ?? ''}` : ''}
        {handshake.remoteAddress ? ` · ${handshake.remoteAddress}` : ''}
      </summary>
      <HeaderList label="Request headers" headers={handshake.requestHeaders} />
      <HeaderList label="Response headers" headers={handshake.responseHeaders} />
    </details>
  )
}
