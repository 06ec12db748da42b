import type { ResponseRecord } from '@courier/shared'
import { formatBytes, formatDuration, statusClass } from '../../shared/format/format'

/** `200 OK · HTTP/1.1 · 123 ms · 1.2 KB body · 0.9 KB on the wire · 310 B headers`, coloured by status class. */
export function StatusLine({ record }: { record: ResponseRecord }) {
  const tone = statusClass(record.status)
  const statusText = record.status === null ? 'Failed' : `${record.status} ${record.statusText}`.trim()
  const encoding = record.headers
    .find(([name]) => name.toLowerCase() === 'content-encoding')?.[1]
    .trim()
    .toLowerCase()
  const compressed = !!encoding && encoding !== 'identity'
  return (
    <div className="status-line" role="group" aria-label="Response summary">
      <span role="status" aria-label="Response status" className={`status-badge status-badge--${tone}`}>
        {statusText}
      </span>
      {record.httpVersion ? (
        <span className="status-line__item status-line__muted" aria-label="HTTP version">
          {record.httpVersion}
        </span>
      ) : null}
      <span className="status-line__item" title="Total time, redirects included (see Timing)">
        <span className="visually-hidden">Response time </span>
        {formatDuration(record.timing.total)}
      </span>
      {record.status === null ? (
        <span className="status-line__item status-line__muted">
          <span className="visually-hidden">Response size </span>
          no response
        </span>
      ) : (
        <span className="status-line__sizes">
          <span className="status-line__item" title="Body size after decoding">
            <span className="visually-hidden">Response size </span>
            {formatBytes(record.sizes.body)}
          </span>
          <span
            className="status-line__muted status-line__size-detail"
            aria-label="Body size on the wire"
            title={
              compressed
                ? `Body bytes as they crossed the wire, ${encoding}-encoded`
                : 'Body bytes as they crossed the wire (not compressed)'
            }
          >
            {formatBytes(record.sizes.bodyWire)} {compressed ? 'compressed' : 'on the wire'}
          </span>
          <span
            className="status-line__muted status-line__size-detail"
            aria-label="Headers size"
            title="Response header block size"
          >
            {formatBytes(record.sizes.headers)} headers
          </span>
        </span>
      )}
      {record.attempts.length > 0 ? (
        <span
          className="status-line__item status-line__warn"
          aria-label="Retry attempts"
          title="Courier retried this send; every attempt is listed below and in Timing"
        >
          {record.attempts.length + 1} attempts
        </span>
      ) : null}
      {record.hops.length > 0 ? (
        <span className="status-line__item status-line__muted">
          {record.hops.length} redirect{record.hops.length === 1 ? '' : 's'}
        </span>
      ) : null}
      {record.partial ? (
        <span
          className="status-line__item status-line__warn"
          aria-label="Partial response"
          title={record.error?.message}
        >
          Partial: {partialReason(record)}
        </span>
      ) : null}
      {record.insecure ? <span className="status-line__item status-line__warn">TLS not verified</span> : null}
    </div>
  )
}

/** Why the answer stopped early, in a few words: "total timeout", "idle timeout", "connection reset". */
export function partialReason(record: ResponseRecord): string {
  switch (record.error?.code) {
    case 'REQUEST_TIMEOUT':
      return 'total timeout'
    case 'UPSTREAM_BODY_TIMEOUT':
      return 'idle timeout'
    case 'UPSTREAM_CONNECTION_RESET':
      return 'connection reset'
    default:
      return 'stopped early'
  }
}
