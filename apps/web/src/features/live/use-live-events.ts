import { ChangeEventSchema, EVENTS_PATH, LIVE_EVENTS, type ChangeEvent } from '@courier/shared'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { CLIENT_ID } from '../../shared/api/client-id'
import { keysFor } from './live-keys'

/** Changes that arrive together (an import, a move) cost one refetch per query. */
const BATCH_MS = 30

/**
 * The page's one EventSource: a change from another page or person makes exactly the affected
 * queries stale; after a reconnect (or when the server says events were missed) everything is
 * refetched. `onRemote` hears every change that is not this page's own.
 */
export function useLiveEvents(onRemote: (event: ChangeEvent) => void, workspaceId?: string | null) {
  const queryClient = useQueryClient()
  const heard = useRef(onRemote)
  heard.current = onRemote

  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const url = workspaceId ? `${EVENTS_PATH}?workspace=${encodeURIComponent(workspaceId)}` : EVENTS_PATH
    const source = new EventSource(url, { withCredentials: true })
    const stale = new Map<string, readonly string[]>()
    let timer: ReturnType<typeof setTimeout> | undefined
    const flush = () => {
      timer = undefined
      for (const key of stale.values()) void queryClient.invalidateQueries({ queryKey: key })
      stale.clear()
    }
    let connected = false
    const onReady = () => {
      // The first "ready" is the start; any later one is a reconnect, and what happened meanwhile was missed.
      if (connected) void queryClient.invalidateQueries()
      connected = true
    }
    const onResync = () => void queryClient.invalidateQueries()
    const onChange = (message: MessageEvent<string>) => {
      let event: ChangeEvent
      try {
        event = ChangeEventSchema.parse(JSON.parse(message.data))
      } catch {
        return
      }
      if (event.clientId === CLIENT_ID) return
      for (const key of keysFor(event.kind)) stale.set(JSON.stringify(key), key)
      timer ??= setTimeout(flush, BATCH_MS)
      heard.current(event)
    }
    source.addEventListener(LIVE_EVENTS.ready, onReady)
    source.addEventListener(LIVE_EVENTS.resync, onResync)
    source.addEventListener(LIVE_EVENTS.change, onChange as EventListener)
    return () => {
      clearTimeout(timer)
      source.close()
    }
  }, [queryClient, workspaceId])
}
