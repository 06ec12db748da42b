import type { RealtimeClientMessage, RealtimeServerMessage } from '@courier/shared'
import { realtimeClient } from './realtime-client'
import { createSessionStore, emptySnapshot, type SessionStore } from './session-store'

type SendMessage = Extract<RealtimeClientMessage, { type: 'send' }>
type OpenInput = Extract<RealtimeClientMessage, { type: 'open' }>['input']

/** Each tab's session (one at a time), kept while the page lives so a tab switch loses nothing. */
const stores = new Map<string, SessionStore>()
const live = new Map<string, { sessionId: string; stop: () => void }>()

export function sessionStoreFor(tabId: string): SessionStore {
  let store = stores.get(tabId)
  if (!store) {
    store = createSessionStore()
    stores.set(tabId, store)
  }
  return store
}

function closeNote(message: Extract<RealtimeServerMessage, { type: 'closed' }>): string {
  const parts = [message.code !== undefined ? `code ${message.code}` : '', message.reason ?? ''].filter(Boolean)
  return parts.length ? parts.join(' · ') : 'Closed'
}

/** Opens a session for the tab (closing the one it had), its frames starting afresh. */
export function openSession(tabId: string, input: OpenInput, lastEventId?: string): void {
  // The tab's earlier session is asked to close and no longer heard: its answers must not touch this one.
  const previous = live.get(tabId)
  if (previous) {
    closeSession(tabId)
    previous.stop()
    live.delete(tabId)
  }
  const store = sessionStoreFor(tabId)
  const sessionId = crypto.randomUUID()
  store.resetFrames([])
  store.update({ ...withoutFrames(emptySnapshot()), status: 'connecting' })
  const client = realtimeClient()
  const stop = client.listen(sessionId, (message) => {
    if (live.get(tabId)?.sessionId !== sessionId) return
    switch (message.type) {
      case 'opened':
        store.update({ status: 'open', handshake: message.handshake, openedAt: Date.now(), error: null })
        return
      case 'frames':
        store.appendFrames(message.frames)
        return
      case 'closed':
        store.update({
          status: store.getSnapshot().status === 'error' ? 'error' : 'closed',
          historyId: message.historyId ?? null,
          droppedFrames: message.droppedFrames,
          closeNote: closeNote(message),
        })
        finish(tabId, sessionId)
        return
      case 'error': {
        const connecting = store.getSnapshot().status === 'connecting'
        store.update({ error: message.error, ...(connecting ? { status: 'error' as const } : {}) })
        return
      }
      case 'ready':
        return
    }
  })
  live.set(tabId, { sessionId, stop })
  client.send({ type: 'open', sessionId, input, ...(lastEventId ? { lastEventId } : {}) })
}

function withoutFrames<T extends { frames: unknown; version: unknown }>(snapshot: T): Omit<T, 'frames' | 'version'> {
  const { frames: _frames, version: _version, ...rest } = snapshot
  return rest
}

function finish(tabId: string, sessionId: string): void {
  const current = live.get(tabId)
  if (current?.sessionId !== sessionId) return
  current.stop()
  live.delete(tabId)
}

export function sendOnSession(tabId: string, message: Omit<SendMessage, 'type' | 'sessionId'>): boolean {
  const current = live.get(tabId)
  if (!current) return false
  realtimeClient().send({ type: 'send', sessionId: current.sessionId, ...message })
  return true
}

export function pingSession(tabId: string): void {
  const current = live.get(tabId)
  if (current) realtimeClient().send({ type: 'ping', sessionId: current.sessionId })
}

/** Asks Courier to close the tab's session; the `closed` answer carries its history entry. */
export function closeSession(tabId: string): void {
  const current = live.get(tabId)
  if (current) realtimeClient().send({ type: 'close', sessionId: current.sessionId, code: 1000 })
}

/**
 * Tabs that were closed give back their session (Courier closes it upstream and keeps it in history) and
 * their frames, which may be 100,000 of them: only the open tabs' stores are kept.
 */
export function keepSessionsOf(openTabIds: readonly string[]): void {
  const open = new Set(openTabIds)
  for (const tabId of [...live.keys()]) {
    if (open.has(tabId)) continue
    closeSession(tabId)
    live.get(tabId)?.stop()
    live.delete(tabId)
  }
  for (const tabId of [...stores.keys()]) if (!open.has(tabId)) stores.delete(tabId)
}
