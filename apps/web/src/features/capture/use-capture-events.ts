import { CAPTURE_EVENTS, CAPTURE_EVENTS_PATH, HistorySummarySchema } from '@courier/shared'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { captureKeys } from './capture-queries'

export type StreamState = 'connecting' | 'live' | 'reconnecting'

/** Exchanges recorded close together cost one refetch of the list. */
const BATCH_MS = 40

/**
 * The Capture view's EventSource on /api/capture/events: each `capture` event (a HistorySummary)
 * makes the captured list stale, so it refetches under its filters; `resync` and a reconnect
 * refetch too. Answers the stream's state for the view's "Live" badge.
 */
export function useCaptureEvents(): StreamState {
  const queryClient = useQueryClient()
  const [state, setState] = useState<StreamState>('connecting')
  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const source = new EventSource(CAPTURE_EVENTS_PATH, { withCredentials: true })
    let timer: ReturnType<typeof setTimeout> | undefined
    let connected = false
    const refetch = () => {
      timer ??= setTimeout(() => {
        timer = undefined
        void queryClient.invalidateQueries({ queryKey: captureKeys.allExchanges })
      }, BATCH_MS)
    }
    const onReady = () => {
      // A later "ready" is a reconnect: what was recorded meanwhile was missed.
      if (connected) refetch()
      connected = true
      setState('live')
    }
    const onCapture = (message: MessageEvent<string>) => {
      try {
        HistorySummarySchema.parse(JSON.parse(message.data))
      } catch {
        return
      }
      refetch()
    }
    source.addEventListener(CAPTURE_EVENTS.ready, onReady)
    source.addEventListener(CAPTURE_EVENTS.resync, refetch)
    source.addEventListener(CAPTURE_EVENTS.capture, onCapture as EventListener)
    source.onerror = () => setState('reconnecting')
    return () => {
      clearTimeout(timer)
      source.close()
    }
  }, [queryClient])
  return state
}
