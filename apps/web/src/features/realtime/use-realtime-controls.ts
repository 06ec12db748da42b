import { withoutBlankRows, type RealtimeSpec, type RequestSpec } from '@courier/shared'
import { useEffect, useSyncExternalStore } from 'react'
import { closeSession, openSession, sessionStoreFor } from './sessions'
import type { SessionSnapshot } from './session-store'
import { realtimeFor } from './request-kind'

export type RealtimeTab = { id: string; itemId: string | null; draft: { spec: RequestSpec } }

export function useSessionSnapshot(tabId: string): SessionSnapshot {
  const store = sessionStoreFor(tabId)
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}

const IDLE_STORE = sessionStoreFor('')

/**
 * Connect, Disconnect and Subscribe for the active tab. When a session is kept in history the tab
 * remembers the entry (`onResponded`), so reopening it shows its frames.
 */
export function useRealtimeControls(
  tab: RealtimeTab | undefined,
  environmentId: string | null,
  onRealtime: (tabId: string, realtime: RealtimeSpec) => void,
  onResponded: (tabId: string, historyId: string) => void,
) {
  const store = tab ? sessionStoreFor(tab.id) : IDLE_STORE
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const historyId = snapshot.historyId
  const tabId = tab?.id
  useEffect(() => {
    if (!historyId || !tabId) return
    onResponded(tabId, historyId)
    // onResponded is the caller's dispatch wrapper; the entry is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [historyId, tabId])

  const open = (spec: RequestSpec) => {
    if (!tab) return
    openSession(tab.id, {
      request: withoutBlankRows(spec),
      environmentId: environmentId ?? undefined,
      itemId: tab.itemId ?? undefined,
    })
  }
  return {
    isRealtime: Boolean(tab?.draft.spec.realtime),
    status: snapshot.status,
    connect: () => tab && open(tab.draft.spec),
    disconnect: () => tab && closeSession(tab.id),
    /** A GraphQL subscription: the request becomes a 'graphql' session and opens. */
    subscribe: () => {
      if (!tab) return
      const realtime = realtimeFor('graphql', tab.draft.spec.realtime)!
      onRealtime(tab.id, realtime)
      open({ ...tab.draft.spec, realtime })
    },
  }
}
