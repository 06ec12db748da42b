import { endpoints, type HistorySummary } from '@courier/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useReducer, useState } from 'react'
import { HistoryList, historyEntryOptions } from '../features/history'
import { draftReducer, newDraft, RequestEditor, useSendRequest } from '../features/request-editor'
import { ResponseViewer, type ResponseState } from '../features/response-viewer'
import { SettingsDialog } from '../features/settings'
import { callEndpoint } from '../shared/api/proxy-client'
import { Splitter } from '../shared/ui/Splitter'
import { StaleSessionBanner } from './StaleSessionBanner'

/** The shell: sidebar, request editor above, response below. */
export function App() {
  const [draft, dispatch] = useReducer(draftReducer, undefined, () => newDraft())
  const [response, setResponse] = useState<ResponseState>({ kind: 'empty' })
  const [selectedHistory, setSelectedHistory] = useState<string | null>(null)
  const [editorShare, setEditorShare] = useState(0.42)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const send = useSendRequest()
  const queryClient = useQueryClient()
  const info = useQuery({ queryKey: ['info'], queryFn: ({ signal }) => callEndpoint(endpoints.info, {}, signal), staleTime: Infinity })

  const doSend = useCallback(() => {
    if (send.isPending) return
    setResponse({ kind: 'sending', startedAt: performance.now() })
    send.mutate(draft.spec, {
      onSuccess: ({ record, roundTripMs }) => {
        setResponse({ kind: 'record', record, fromHistory: false, roundTripMs })
        setSelectedHistory(record.error?.code === 'ABORTED' ? null : record.id)
      },
      onError: (error) => {
        if (error.name === 'AbortError') setResponse({ kind: 'empty' })
        else setResponse({ kind: 'error', error })
      },
    })
  }, [draft.spec, send])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault()
        doSend()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [doSend])

  const openHistory = async (summary: HistorySummary) => {
    setSelectedHistory(summary.id)
    try {
      const entry = await queryClient.fetchQuery(historyEntryOptions(summary.id))
      dispatch({ type: 'load', spec: entry.request })
      setResponse({ kind: 'record', record: entry.response, fromHistory: true })
    } catch (error) {
      setResponse({ kind: 'error', error: error as Error })
    }
  }

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width="20" height="20" />
          <span className="brand__name">Courier</span>
        </div>
        <div className="topbar__actions">
          <span className="topbar__meta">{info.data ? `v${info.data.version} · ${info.data.storage === 'sqlite' ? 'local' : 'team'}` : ''}</span>
          <button type="button" className="button button--small button--ghost" onClick={() => setSettingsOpen(true)}>
            Settings
          </button>
        </div>
      </header>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <StaleSessionBanner />
      <div className="workspace">
        <aside className="sidebar">
          <HistoryList selectedId={selectedHistory} onOpen={openHistory} />
        </aside>
        <main className="main" style={{ gridTemplateRows: `minmax(180px, ${editorShare}fr) auto minmax(160px, ${1 - editorShare}fr)` }}>
          <RequestEditor draft={draft} dispatch={dispatch} isSending={send.isPending} onSend={doSend} onCancel={send.cancel} version={info.data?.version ?? '…'} />
          <Splitter label="Resize request and response" value={editorShare} onChange={setEditorShare} />
          <ResponseViewer state={response} />
        </main>
      </div>
    </div>
  )
}
