import { endpoints, TOKEN_HEADER, type WorkspaceState } from '@courier/shared'
import { useEffect, useReducer, useRef, useState } from 'react'
import { callEndpoint, pageToken, serverRefusing } from '../../shared/api/proxy-client'
import { workspaceHeaders } from '../../shared/api/current-workspace'
import { keptReason } from '../outbox'
import { forgetKeptWorkspace, keepWorkspace, keptWorkspaceKey, readKeptWorkspace } from './kept-workspace'
import { initialWorkspace, toWorkspaceState, workspaceReducer } from './workspace-reducer'

const SAVE_DELAY_MS = 400
const EMPTY: WorkspaceState = { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] }

/**
 * The open tabs and drafts, restored from Courier's database at load and saved back (debounced)
 * after every change, so a reload or a server restart loses nothing typed. `outboxKey` names this
 * server, person and workspace (undefined while not known yet, null when it cannot be): while the
 * server cannot take the document (offline, signed out) it is kept in the browser under it, and a
 * kept one is restored in preference to the server's at the next load.
 */
export function useWorkspace(outboxKey?: string | null) {
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspace)
  const [fromServer, setFromServer] = useState<WorkspaceState | null>(null)
  const pending = useRef<string | null>(null)
  /** The document last sent and not yet answered with success: kept if the page goes while saves are refused. */
  const unconfirmed = useRef<string | null>(null)
  const unsaved = useRef(false)
  // Back online: the document the server refused is sent again even if nothing else changes.
  const [retry, setRetry] = useState(0)
  useEffect(() => {
    const online = () => unsaved.current && setRetry((n) => n + 1)
    window.addEventListener('online', online)
    return () => window.removeEventListener('online', online)
  }, [])
  const keptKey = outboxKey ? keptWorkspaceKey(outboxKey) : null

  useEffect(() => {
    let cancelled = false
    callEndpoint(endpoints.getWorkspace)
      .then((saved) => !cancelled && setFromServer(saved))
      .catch(() => !cancelled && setFromServer(EMPTY))
    return () => {
      cancelled = true
    }
  }, [])

  useEffect(() => {
    if (state.loaded || !fromServer || outboxKey === undefined) return
    const kept = keptKey ? readKeptWorkspace(keptKey) : null
    dispatch({ type: 'restore', state: kept ?? fromServer })
  }, [state.loaded, fromServer, outboxKey, keptKey])

  useEffect(() => {
    if (!state.loaded) return
    const body = JSON.stringify(toWorkspaceState(state))
    pending.current = body
    const timer = setTimeout(() => {
      pending.current = null
      unconfirmed.current = body
      callEndpoint(endpoints.putWorkspace, { body: JSON.parse(body) })
        .then(() => {
          if (unconfirmed.current === body) unconfirmed.current = null
          unsaved.current = false
          if (keptKey) forgetKeptWorkspace(keptKey)
        })
        .catch((error: unknown) => {
          // The stale-session banner (or the outbox's) tells the person; the next change retries.
          if (!keptReason(error)) return
          unsaved.current = true
          if (keptKey) keepWorkspace(keptKey, body)
        })
    }, SAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [state, keptKey, retry])

  // Closing or reloading within the debounce window still saves: keepalive outlives the page.
  // When the server has been refusing, the drafts are also kept here: that request may fail too.
  useEffect(() => {
    const flush = () => {
      const refused = unsaved.current || serverRefusing()
      // A document sent but not answered yet when other requests were refused would be lost with the page.
      if (!pending.current && refused && unconfirmed.current && keptKey) keepWorkspace(keptKey, unconfirmed.current)
      if (!pending.current) return
      // Also when other requests were just refused (signed out elsewhere, offline): no PUT of this
      // document has failed yet, but the keepalive one below will, and this page is going away.
      if (refused && keptKey) keepWorkspace(keptKey, pending.current)
      void fetch(endpoints.putWorkspace.path, {
        method: 'PUT',
        keepalive: true,
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: pageToken(), ...workspaceHeaders() },
        body: pending.current,
      })
      pending.current = null
    }
    window.addEventListener('pagehide', flush)
    return () => window.removeEventListener('pagehide', flush)
  }, [keptKey])

  return { workspace: state, dispatch }
}
