import { endpoints, TOKEN_HEADER } from '@courier/shared'
import { useEffect, useReducer, useRef } from 'react'
import { callEndpoint, pageToken } from '../../shared/api/proxy-client'
import { initialWorkspace, toWorkspaceState, workspaceReducer } from './workspace-reducer'

const SAVE_DELAY_MS = 400

/**
 * The open tabs and drafts, restored from Courier's database at load and saved back (debounced)
 * after every change, so a reload or a server restart loses nothing typed.
 */
export function useWorkspace() {
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspace)
  const pending = useRef<string | null>(null)

  useEffect(() => {
    let cancelled = false
    callEndpoint(endpoints.getWorkspace)
      .then((saved) => !cancelled && dispatch({ type: 'restore', state: saved }))
      .catch(
        () =>
          !cancelled &&
          dispatch({ type: 'restore', state: { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] } }),
      )
    return () => {
      cancelled = true
    }
  }, [])

  useEffect(() => {
    if (!state.loaded) return
    const body = JSON.stringify(toWorkspaceState(state))
    pending.current = body
    const timer = setTimeout(() => {
      pending.current = null
      void callEndpoint(endpoints.putWorkspace, { body: JSON.parse(body) }).catch(() => {
        /* the stale-session banner tells the person; the next change retries */
      })
    }, SAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [state])

  // Closing or reloading within the debounce window still saves: keepalive outlives the page.
  useEffect(() => {
    const flush = () => {
      if (!pending.current) return
      void fetch(endpoints.putWorkspace.path, {
        method: 'PUT',
        keepalive: true,
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: pageToken() },
        body: pending.current,
      })
      pending.current = null
    }
    window.addEventListener('pagehide', flush)
    return () => window.removeEventListener('pagehide', flush)
  }, [])

  return { workspace: state, dispatch }
}
