import { teamEndpoints } from '@courier/shared'
import { useEffect } from 'react'
import { switchWorkspace } from '../../shared/api/current-workspace'
import { callEndpoint, type ApiError } from '../../shared/api/proxy-client'

/** Opening an invitation link (`/?invite=…`) signed in joins that workspace and switches to it. */
export function useAcceptInvitation(onFailure: (sentence: string) => void): void {
  useEffect(() => {
    const url = new URL(window.location.href)
    const token = url.searchParams.get('invite')
    if (!token) return
    url.searchParams.delete('invite')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    callEndpoint(teamEndpoints.acceptInvitation, { body: { token } }).then(
      (workspace) => switchWorkspace(workspace.id),
      (error: ApiError) => onFailure(error.message),
    )
    // Once per page load: the link is consumed on first use.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}
