import { workspaceHeaders } from '../../shared/api/current-workspace'
import { CLIENT_HEADER, endpoints, TOKEN_HEADER, type Viewer } from '@courier/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { callEndpoint, pageToken } from '../../shared/api/proxy-client'
import { CLIENT_ID } from '../../shared/api/client-id'
import { presenceKeys } from './live-keys'

/** Pages report again this often; the server forgets a report after 35 s. */
const REPORT_EVERY_MS = 12_000

/**
 * Reports which saved request is in front of this page (on every change, every 12 s, none while
 * the browser tab is hidden or once the page goes) and answers who else views `itemId`. In
 * single-user mode the server keeps and answers nothing.
 */
export function usePresence(itemId: string | null): Viewer[] {
  const queryClient = useQueryClient()
  const viewers = useQuery({
    queryKey: presenceKeys.all,
    queryFn: ({ signal }) => callEndpoint(endpoints.listViewers, {}, signal),
    staleTime: REPORT_EVERY_MS,
  })

  useEffect(() => {
    const inFront = () => (document.visibilityState === 'hidden' ? null : itemId)
    const report = () =>
      callEndpoint(endpoints.reportPresence, { body: { clientId: CLIENT_ID, itemId: inFront() } }).then(
        (answer) => queryClient.setQueryData(presenceKeys.all, answer),
        () => {
          /* presence is a courtesy: a failed report is retried on the next beat */
        },
      )
    // Leaving: keepalive outlives the page, so the others stop seeing it at once rather than on expiry.
    const leave = () =>
      void fetch(endpoints.reportPresence.path, {
        method: 'PUT',
        keepalive: true,
        headers: {
          'content-type': 'application/json',
          [TOKEN_HEADER]: pageToken(),
          [CLIENT_HEADER]: CLIENT_ID,
          ...workspaceHeaders(),
        },
        body: JSON.stringify({ clientId: CLIENT_ID, itemId: null }),
      }).catch(() => {})
    void report()
    const timer = setInterval(report, REPORT_EVERY_MS)
    document.addEventListener('visibilitychange', report)
    window.addEventListener('pagehide', leave)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', report)
      window.removeEventListener('pagehide', leave)
    }
  }, [itemId, queryClient])

  return itemId ? (viewers.data ?? []).filter((viewer) => viewer.itemId === itemId) : []
}
