import type { Frame, RealtimeSpec } from '@courier/shared'
import { useEffect, useMemo, useState } from 'react'
import { ErrorAlert } from '../../shared/ui/ErrorAlert'
import { Composer } from './Composer'
import { FrameDetail } from './FrameDetail'
import { HandshakeDetails } from './HandshakeDetails'
import { loadHistoryFrames } from './history-frames'
import { matchesFilter, NO_FILTER, type FrameFilter } from './frame-format'
import { RealtimeStatusLine } from './RealtimeStatusLine'
import { SessionOptions } from './SessionOptions'
import { pingSession, sendOnSession, sessionStoreFor } from './sessions'
import { Timeline } from './Timeline'
import { TimelineCounts } from './TimelineCounts'
import { TimelineFilters } from './TimelineFilters'
import { useSessionSnapshot } from './use-realtime-controls'
import './realtime.css'

type RealtimeViewProps = {
  tabId: string
  realtime: RealtimeSpec
  /** The tab's history entry: a session kept there is shown (read-only) until the next Connect. */
  responseId: string | null
  onRealtime: (realtime: RealtimeSpec) => void
}

/** The response pane of a realtime request: status, handshake, composer, saved messages and the timeline. */
export function RealtimeView({ tabId, realtime, responseId, onRealtime }: RealtimeViewProps) {
  const snapshot = useSessionSnapshot(tabId)
  const [filter, setFilter] = useState<FrameFilter>(NO_FILTER)
  const [selected, setSelected] = useState<Frame | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const connected = snapshot.status === 'open'

  // A reopened session: its frames come from the history entry's body.
  const needsHistory = Boolean(responseId) && snapshot.status === 'idle' && snapshot.fromHistory !== responseId
  useEffect(() => {
    if (!needsHistory || !responseId) return
    const controller = new AbortController()
    const store = sessionStoreFor(tabId)
    loadHistoryFrames(responseId, Date.now(), controller.signal)
      .then((frames) => {
        store.resetFrames(frames)
        store.update({ fromHistory: responseId })
      })
      .catch((error: Error) => {
        if (!controller.signal.aborted) setLoadError(error.message)
      })
    return () => controller.abort()
  }, [needsHistory, responseId, tabId])

  const { frames, version } = snapshot
  const visible = useMemo(() => {
    if (filter === NO_FILTER || (filter.dir === 'all' && filter.type === 'all' && !filter.search)) return null
    const needle = filter.search.toLowerCase()
    const indices: number[] = []
    for (let i = 0; i < frames.length; i++) if (matchesFilter(frames[i]!, filter, needle)) indices.push(i)
    return indices
    // frames grows in place; version says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frames, version, filter])

  const composes = realtime.kind === 'websocket' || realtime.kind === 'socketio'
  const options = (
    <SessionOptions
      // Its fields keep what is typed until they lose focus; a request loaded afresh starts them over.
      key={`${realtime.subprotocols.join(',')}|${realtime.listen.join(',')}|${realtime.socketioPath}`}
      realtime={realtime}
      onChange={onRealtime}
      disabled={snapshot.status === 'open'}
    />
  )
  const error = snapshot.error ?? (loadError ? { code: 'INTERNAL', message: loadError } : null)
  return (
    <section className="realtime-view" aria-label="Realtime session">
      <header className="realtime-view__head">
        <RealtimeStatusLine snapshot={snapshot} fromHistory={snapshot.fromHistory !== null} />
        <TimelineCounts total={frames.length} shown={visible?.length ?? null} dropped={snapshot.droppedFrames} />
      </header>
      {error ? <ErrorAlert code={error.code} message={error.message} /> : null}
      {snapshot.handshake ? <HandshakeDetails handshake={snapshot.handshake} /> : null}
      {realtime.kind === 'sse' ? options : null}
      <div className={`realtime-view__body${composes ? '' : ' realtime-view__body--timeline-only'}`}>
        {composes ? (
          <div className="realtime-view__side">
            {options}
            <Composer
              key={realtime.kind}
              tabId={tabId}
              realtime={realtime}
              connected={connected}
              onSend={(message) => sendOnSession(tabId, message)}
              {...(realtime.kind === 'websocket' ? { onPing: () => pingSession(tabId) } : {})}
              onMessages={(messages) => onRealtime({ ...realtime, messages })}
            />
          </div>
        ) : null}
        <div className="realtime-view__timeline">
          <TimelineFilters
            filter={filter}
            onFilter={setFilter}
            onClear={() => {
              sessionStoreFor(tabId).resetFrames([])
              setSelected(null)
            }}
          />
          {frames.length === 0 ? (
            <p className="realtime-view__empty">
              {snapshot.status === 'open'
                ? 'Connected. Frames appear here as they come and go.'
                : 'No frames yet. Connect (Ctrl+Enter) to open the session.'}
            </p>
          ) : (
            <Timeline
              frames={frames}
              visible={visible}
              version={version}
              selectedSeq={selected?.seq ?? null}
              onSelect={setSelected}
            />
          )}
          {frames.length > 0 ? <FrameDetail frame={selected} /> : null}
        </div>
      </div>
    </section>
  )
}
