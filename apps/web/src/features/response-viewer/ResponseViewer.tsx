import { testTotals, type Example, type ResponseRecord } from '@courier/shared'
import { useEffect, useId, useState } from 'react'
import { AttemptsList } from './attempts/AttemptsList'
import { formatDuration } from '../../shared/format/format'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { Tabs, type TabItem } from '../../shared/ui/Tabs'
import { SaveExampleButton } from '../examples'
import { VisualizerView } from '../visualizer'
import { ResponseBody } from './body/ResponseBody'
import { CookiesPanel } from './cookies/CookiesPanel'
import { cookiesOf } from './cookies/cookies-of'
import { phaseWords } from './error-phase'
import { HeadersTable } from './headers/HeadersTable'
import { ApiHelpers } from './helpers/ApiHelpers'
import { RedirectsPanel } from './redirects/RedirectsPanel'
import { RequestAsSent } from './request/RequestAsSent'
import { StatusLine } from './StatusLine'
import { TestsPanel } from './tests/TestsPanel'
import { TimingPanel } from './timing/TimingPanel'
import './response-viewer.css'

type ResponseTab = 'body' | 'visualize' | 'headers' | 'cookies' | 'tests' | 'timing' | 'redirects' | 'request'

export type ResponseViewerProps = {
  state: ResponseState
  /** Sends a GET to this URL (a Link header's next page); the app owns sending. */
  onSendUrl?: (url: string) => void
  /** Bodies larger than this offer download-or-view instead of opening (default 50 MB). */
  largeBodyBytes?: number
  /** Offers “Save as example” (features/examples) when the response belongs to a request in a tab. */
  saveExample?: { name: (record: ResponseRecord) => string; onSave: (example: Example) => void }
}

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
export function ResponseViewer({ state, onSendUrl, largeBodyBytes, saveExample }: ResponseViewerProps) {
  const [tab, setTab] = useState<ResponseTab>('body')
  const panelId = useId()
  // A send that failed on a redirect opens on the chain: that is where the answer is.
  const redirectFailure = state.kind === 'record' && state.record.error?.phase === 'redirect' ? state.record.id : null
  useEffect(() => {
    if (redirectFailure) setTab('redirects')
  }, [redirectFailure])

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
    // The sentence names the field in words ("Capture row 1: …"); its machine path stays out of sight.
    return (
      <section className="response-viewer" aria-label="Response">
        <div className="response-viewer__content">
          <ErrorAlert {...errorParts(state.error)} />
        </div>
      </section>
    )
  }

  const { record } = state
  const visualizer = record.scripts?.visualizer
  const tabs: TabItem<ResponseTab>[] = [
    { id: 'body', label: 'Body' },
    ...(visualizer ? [{ id: 'visualize' as const, label: 'Visualize' }] : []),
    { id: 'headers', label: 'Headers', badge: record.headers.length },
    { id: 'cookies', label: 'Cookies', badge: cookiesOf(record).length },
    { id: 'tests', label: 'Tests', badge: testsBadge(record) },
    { id: 'timing', label: 'Timing' },
    { id: 'redirects', label: 'Redirects', badge: record.hops.length },
    { id: 'request', label: 'Request' },
  ]
  // A later send without a visualizer has no Visualize tab: show its body.
  const shown = tabs.some((t) => t.id === tab) ? tab : 'body'
  return (
    <section className="response-viewer" aria-label="Response">
      <StatusLine record={record} />
      {record.error ? (
        <div className="response-viewer__alert">
          <ErrorAlert
            code={record.error.code}
            message={record.error.message}
            context={[phaseWords(record.error.phase)]}
          />
        </div>
      ) : null}
      {record.notes.length > 0 ? (
        <ul className="notes" aria-label="Notes">
          {record.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <AttemptsList record={record} />
      {record.status !== null ? (
        <>
          <ApiHelpers record={record} onSendUrl={onSendUrl} />
          {saveExample ? (
            <div className="response-viewer__save-example">
              <SaveExampleButton record={record} name={saveExample.name(record)} onSave={saveExample.onSave} />
            </div>
          ) : null}
          <Tabs<ResponseTab>
            label="Response sections"
            selected={shown}
            onSelect={setTab}
            size="small"
            tabs={tabs}
            panelId={panelId}
          />
          <div
            className={`response-viewer__panel response-viewer__panel--${shown}`}
            id={panelId}
            role="tabpanel"
            aria-label={tabs.find((t) => t.id === shown)!.label}
          >
            {shown === 'body' ? (
              <ResponseBody key={record.id} record={record} largeBodyBytes={largeBodyBytes} />
            ) : shown === 'visualize' && visualizer ? (
              <VisualizerView key={record.id} visualizer={visualizer} />
            ) : shown === 'headers' ? (
              <HeadersTable headers={record.headers} label="Response headers" searchable />
            ) : shown === 'cookies' ? (
              <CookiesPanel record={record} />
            ) : shown === 'tests' ? (
              <TestsPanel record={record} />
            ) : shown === 'timing' ? (
              <TimingPanel record={record} roundTripMs={state.roundTripMs} />
            ) : shown === 'redirects' ? (
              <RedirectsPanel record={record} />
            ) : (
              <RequestAsSent record={record} />
            )}
          </div>
        </>
      ) : (
        <div className="response-viewer__panel">
          <RequestAsSent record={record} />
        </div>
      )}
    </section>
  )
}

/** "2/3" passed of all, "!" when a script failed; nothing when there were no tests. */
function testsBadge(record: ResponseRecord): string | undefined {
  if (!record.scripts) return undefined
  const { passed, failed } = testTotals(record.scripts)
  if (record.scripts.errors.length > 0 && passed + failed === 0) return '!'
  return passed + failed > 0 ? `${passed}/${passed + failed}` : undefined
}
