import type { ResponseRecord } from '@courier/shared'
import { formatBytes, formatDuration, statusClass } from '../../shared/format/format'

/** `200 OK · HTTP/1.1 · 123 ms · 1.2 KB`, coloured by status class. */
export function StatusLine({ record }: { record: ResponseRecord }) {
  const tone = statusClass(record.status)
  const statusText = record.status === null ? 'Failed' : `${record.status} ${record.statusText}`.trim()
  return (
    <div className="status-line">
      <span role="status" aria-label="Response status" className={`status-badge status-badge--${tone}`}>
        {statusText}
      </span>
      {record.httpVersion ? <span className="status-line__item status-line__muted">{record.httpVersion}</span> : null}
      <span className="status-line__item" aria-label="Response time" title="Total time, redirects included">
        {formatDuration(record.timing.total)}
      </span>
      <span
        className="status-line__item"
        aria-label="Response size"
        title={`Body ${formatBytes(record.sizes.body)} decoded, ${formatBytes(record.sizes.bodyWire)} on the wire; headers ${formatBytes(record.sizes.headers)}`}
      >
        {formatBytes(record.sizes.body)}
      </span>
      {record.hops.length > 0 ? (
        <span className="status-line__item status-line__muted">
          {record.hops.length} redirect{record.hops.length === 1 ? '' : 's'}
        </span>
      ) : null}
      {record.insecure ? <span className="status-line__item status-line__warn">TLS not verified</span> : null}
    </div>
  )
}
