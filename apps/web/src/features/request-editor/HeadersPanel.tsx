import type { Row } from '@courier/shared'
import { KeyValueTable } from '../../shared/ui/KeyValueTable'

const COMMON_HEADERS = [
  'Accept', 'Accept-Encoding', 'Accept-Language', 'Authorization', 'Cache-Control', 'Content-Type', 'Cookie',
  'If-Match', 'If-None-Match', 'If-Modified-Since', 'Idempotency-Key', 'Origin', 'Range', 'Referer', 'User-Agent',
  'X-Api-Key', 'X-Request-Id', 'X-Correlation-Id', 'X-Forwarded-For',
]

/** Headers Courier adds unless a row of yours has the same name (a disabled row removes it). */
export function defaultHeaders(version: string): [string, string][] {
  return [
    ['User-Agent', `Courier/${version}`],
    ['Accept', '*/*'],
    ['Accept-Encoding', 'gzip, deflate, br'],
  ]
}

export function HeadersPanel({ headers, onHeaders, version }: { headers: Row[]; onHeaders: (rows: Row[]) => void; version: string }) {
  const own = new Set(headers.map(([name]) => name.trim().toLowerCase()))
  const defaults = defaultHeaders(version).filter(([name]) => !own.has(name.toLowerCase()))
  return (
    <div className="panel-stack">
      <KeyValueTable label="Headers" rows={headers} onChange={onHeaders} keyPlaceholder="Add header" keySuggestions={COMMON_HEADERS} />
      {defaults.length > 0 ? (
        <section className="auto-headers" aria-label="Headers Courier adds">
          <h3 className="section-title">Added by Courier</h3>
          <ul className="auto-headers__list">
            {defaults.map(([name, value]) => (
              <li key={name} className="auto-headers__item">
                <span className="auto-headers__name">{name}</span>
                <span className="auto-headers__value">{value}</span>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Don't send ${name}`}
                  onClick={() => onHeaders([...headers, [name, value, false]])}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <p className="hint">Add a header with the same name to replace one, or remove it. Content-Type and Content-Length follow the body.</p>
        </section>
      ) : null}
    </div>
  )
}
