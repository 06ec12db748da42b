import { endpoints, type HistoryEntry, type HistoryQueryInput, type HistorySummary } from '@courier/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { callEndpoint } from '../../shared/api/proxy-client'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { SaveRequestDialog } from '../collections'
import { historyEntryOptions } from '../history'
import { useSendRequest } from '../request-editor'
import { ResponseViewer, type ResponseState } from '../response-viewer'
import { pathOf } from './capture-filters'
import { CompareWithPrevious } from './CompareWithPrevious'

type ExchangeDetailProps = {
  summary: HistorySummary
  environmentId: string | null
  onOpenInEditor: (summary: HistorySummary) => void
}

/** The earlier exchange with the same method and path (and mount), or null. */
async function previousOf(
  summary: HistorySummary,
  fetchPage: (query: HistoryQueryInput) => Promise<HistorySummary[]>,
): Promise<HistorySummary | null> {
  const path = pathOf(summary.url)
  const items = await fetchPage({ capture: summary.capture ?? '*', method: summary.method, path, limit: 100 })
  const at = items.findIndex((item) => item.id === summary.id)
  const older = at >= 0 ? items.slice(at + 1) : items.filter((item) => item.createdAt < summary.createdAt)
  return older.find((item) => pathOf(item.url) === path && item.method === summary.method) ?? null
}

/** One captured exchange: its response, and Open in editor, Replay, Save to collection, Compare with previous. */
export function ExchangeDetail({ summary, environmentId, onOpenInEditor }: ExchangeDetailProps) {
  const queryClient = useQueryClient()
  const entry = useQuery(historyEntryOptions(summary.id))
  const send = useSendRequest()
  const [replay, setReplay] = useState<ResponseState | null>(null)
  const [saving, setSaving] = useState(false)
  const [pair, setPair] = useState<[HistoryEntry, HistoryEntry] | null>(null)
  const [note, setNote] = useState<string | null>(null)

  const doReplay = () => {
    if (!entry.data) return
    setReplay({ kind: 'sending', startedAt: performance.now() })
    send.mutate(
      { request: entry.data.request, environmentId: environmentId ?? undefined },
      {
        onSuccess: ({ record, roundTripMs }) => setReplay({ kind: 'record', record, fromHistory: false, roundTripMs }),
        onError: (error) => setReplay({ kind: 'error', error }),
      },
    )
  }

  const compare = async () => {
    if (!entry.data) return
    setNote(null)
    try {
      const previous = await previousOf(summary, (query) =>
        callEndpoint(endpoints.listHistory, { query }).then((page) => page.items),
      )
      if (!previous) {
        setNote(`No earlier captured ${summary.method} ${pathOf(summary.url)} to compare with.`)
        return
      }
      setPair([await queryClient.fetchQuery(historyEntryOptions(previous.id)), entry.data])
    } catch (error) {
      setNote(errorParts(error).message)
    }
  }

  return (
    <section className="capture-detail" aria-label="Exchange">
      <header className="capture-detail__bar">
        <h3 className="capture-detail__title">
          <span className="capture-detail__method">{summary.method}</span> {pathOf(summary.url)}
        </h3>
        <div className="capture-detail__actions">
          <button type="button" className="button button--small" onClick={() => onOpenInEditor(summary)}>
            Open in editor
          </button>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={doReplay}
            disabled={!entry.data || send.isPending}
          >
            Replay
          </button>
          <button type="button" className="button button--small" onClick={() => setSaving(true)} disabled={!entry.data}>
            Save to collection
          </button>
          <button type="button" className="button button--small" onClick={() => void compare()} disabled={!entry.data}>
            Compare with previous
          </button>
        </div>
      </header>
      {note ? (
        <p className="capture-detail__note" role="status">
          {note}
        </p>
      ) : null}
      {entry.error ? <ErrorAlert {...errorParts(entry.error)} /> : null}
      <p className="capture-detail__upstream">
        Forwarded to <code>{summary.url}</code>
      </p>
      <div className={`capture-detail__panes${replay ? ' capture-detail__panes--two' : ''}`}>
        <section className="capture-detail__pane" aria-label="Captured response">
          <h4 className="capture-detail__pane-title">Captured</h4>
          <ResponseViewer
            state={entry.data ? { kind: 'record', record: entry.data.response, fromHistory: true } : { kind: 'empty' }}
          />
        </section>
        {replay ? (
          <section className="capture-detail__pane" aria-label="Replay response">
            <h4 className="capture-detail__pane-title">
              Replay
              <button type="button" className="link-button" onClick={() => setReplay(null)}>
                Hide
              </button>
            </h4>
            <ResponseViewer state={replay} />
          </section>
        ) : null}
      </div>
      {saving && entry.data ? (
        <SaveRequestDialog
          open
          request={entry.data.request}
          suggestedName={`${summary.method} ${pathOf(summary.url)}`.slice(0, 80)}
          onClose={() => setSaving(false)}
          onSaved={() => setNote('Saved to the collection.')}
        />
      ) : null}
      <CompareWithPrevious pair={pair} onClose={() => setPair(null)} />
    </section>
  )
}
