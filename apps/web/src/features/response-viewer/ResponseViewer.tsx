import type { ResponseRecord } from '@courier/shared'
import { useEffect, useState } from 'react'
import { ApiError } from '../../shared/api/proxy-client'
import { formatDuration } from '../../shared/format/format'
import { Tabs } from '../../shared/ui/Tabs'
import { ErrorAlert } from './ErrorAlert'
import { ResponseBody } from './ResponseBody'
import { ResponseHeaders } from './ResponseHeaders'
import { StatusLine } from './StatusLine'

type ResponseTab = 'body' | 'headers'

export type ResponseState =
  | { kind: 'empty' }
  | { kind: 'sending'; startedAt: number }
  /** `roundTripMs`: browser → Courier → target → back, so Courier's own overhead can be shown apart. */
  | { kind: 'record'; record: ResponseRecord; fromHistory: boolean; roundTripMs?: number }
  | { kind: 'error'; error: Error }

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 100)
    return () => clearInterval(timer)
  }, [])
  return <>{formatDuration(now - since)}</>
}

/** Everything the answer holds, or why there is none. */
export function ResponseViewer({ state }: { state: ResponseState }) {
  const [tab, setTab] = useState<ResponseTab>('body')

  if (state.kind === 'empty') {
    return (
      <section className="response-viewer response-viewer--empty" aria-label="Response">
        <div className="empty-state">
          <p className="empty-state__title">Send a request to see its response here</p>
          <p className="hint">
            Press <kbd>Ctrl</kbd> + <kbd>Enter</kbd> anywhere, or <kbd>Enter</kbd> in the URL.
          </p>
        </div>
      </section>
    )
  }
  if (state.kind === 'sending') {
    return (
      <section className="response-viewer response-viewer--empty" aria-label="Response" aria-busy="true">
        <div className="empty-state">
          <p className="empty-state__title">
            Sending… <Elapsed since={state.startedAt} />
          </p>
        </div>
      </section>
    )
  }
  if (state.kind === 'error') {
    const error = state.error
    return (
      <section className="response-viewer" aria-label="Response">
        <div className="response-viewer__content">
          {error instanceof ApiError ? (
            <ErrorAlert code={error.code} message={error.message} field={error.field} />
          ) : (
            <ErrorAlert code="INTERNAL" message={error.message} />
          )}
        </div>
      </section>
    )
  }

  const { record } = state
  return (
    <section className="response-viewer" aria-label="Response">
      <StatusLine record={record} />
      {record.error ? (
        <div className="response-viewer__alert">
          <ErrorAlert code={record.error.code} message={record.error.message} phase={record.error.phase} />
        </div>
      ) : null}
      {record.notes.length > 0 ? (
        <ul className="notes" aria-label="Notes">
          {record.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {record.status !== null ? (
        <>
          <Tabs<ResponseTab>
            label="Response sections"
            selected={tab}
            onSelect={setTab}
            size="small"
            tabs={[
              { id: 'body', label: 'Body' },
              { id: 'headers', label: 'Headers', badge: record.headers.length },
            ]}
          />
          <div className="response-viewer__panel" role="tabpanel" aria-label={tab === 'body' ? 'Body' : 'Headers'}>
            {tab === 'body' ? <ResponseBody record={record} /> : <ResponseHeaders headers={record.headers} />}
          </div>
        </>
      ) : null}
    </section>
  )
}
