import type { ResponseRecord } from '@courier/shared'
import { formatBytes } from '../../../shared/format/format'
import { methodTone } from '../../../shared/format/method-tone'
import { HeadersTable } from '../headers/HeadersTable'
import './request-as-sent.css'

function queryPairs(url: string): [string, string][] {
  try {
    return [...new URL(url).searchParams.entries()]
  } catch {
    return []
  }
}

/** Exactly what went on the wire for the final exchange: URL as encoded, every header, the body. */
export function RequestAsSent({ record }: { record: ResponseRecord }) {
  const sent = record.request
  const params = queryPairs(sent.url)
  // Without an answer it is unknown how much reached the server: say "prepared", not "sent".
  const answered = record.status !== null
  return (
    <div className="sent">
      {answered ? null : <h3 className="section-title">The request Courier prepared</h3>}
      <div className="sent__line" aria-label="Request line">
        <span className={`method ${methodTone(sent.method)}`}>{sent.method}</span>
        <code className="sent__url" aria-label="Final URL">
          {sent.url}
        </code>
      </div>
      <p className="sent__meta">
        {sent.remoteAddress ? <>Connected to {sent.remoteAddress} · </> : null}
        {record.hops.length > 0 ? (
          <>
            after {record.hops.length} redirect{record.hops.length === 1 ? '' : 's'} (see Redirects) ·{' '}
          </>
        ) : null}
        body {formatBytes(sent.bodySize)}
      </p>
      {params.length > 0 ? (
        <section className="sent__section">
          <h3 className="section-title">Query parameters (decoded)</h3>
          <HeadersTable headers={params} label="Query parameters sent" />
        </section>
      ) : null}
      <section className="sent__section">
        <h3 className="section-title">
          {answered ? 'Headers sent' : 'Headers'} ({sent.headers.length})
        </h3>
        <HeadersTable headers={sent.headers} label="Request headers sent" />
      </section>
      <section className="sent__section">
        <h3 className="section-title">Body</h3>
        {sent.bodySize === 0 ? (
          <p className="empty-note">{answered ? 'No body was sent.' : 'No body.'}</p>
        ) : sent.bodyPreview !== undefined ? (
          <>
            <pre className="sent__body" aria-label="Request body sent" tabIndex={0}>
              {sent.bodyPreview}
            </pre>
            {sent.bodyPreview.length < sent.bodySize ? (
              <p className="hint">
                The first {formatBytes(sent.bodyPreview.length)} of {formatBytes(sent.bodySize)}.
              </p>
            ) : null}
          </>
        ) : (
          <p className="empty-note">{formatBytes(sent.bodySize)} of binary data.</p>
        )}
      </section>
    </div>
  )
}
