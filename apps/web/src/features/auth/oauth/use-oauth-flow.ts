import {
  OAUTH_BROADCAST_CHANNEL,
  endpoints,
  isBrowserGrant,
  type OAuth2Config,
  type OAuth2Grant,
  type OAuthFlowView,
} from '@courier/shared'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { callEndpoint } from '../../../shared/api/proxy-client'
import { openAuthPopup } from './auth-popup'
import { oauthFlowOptions, oauthKeys } from './oauth-queries'

/**
 * One OAuth flow as the Auth tab runs it: start (the popup for browser grants), follow it until it
 * ends, finish it from a pasted redirect URL, or cancel it. The callback page announces a finished
 * flow on a BroadcastChannel — same-origin only by construction, unaffected by providers whose
 * Cross-Origin-Opener-Policy severs `window.opener`, and carrying only the flow id, so nothing
 * secret crosses — and the flow is also polled, in case the callback landed on another origin.
 */
export function useOAuthFlow(config: OAuth2Config, environmentId: string | null) {
  const queryClient = useQueryClient()
  const [flowId, setFlowId] = useState<string | null>(null)
  const [popupBlocked, setPopupBlocked] = useState(false)
  const flow = useQuery({ ...oauthFlowOptions(flowId ?? ''), enabled: flowId !== null })

  const adopt = (view: OAuthFlowView) => {
    queryClient.setQueryData(oauthKeys.flow(view.id), view)
    setFlowId(view.id)
  }

  const start = useMutation({
    mutationFn: ({ grant }: { grant?: OAuth2Grant; popup: Window | null }) =>
      callEndpoint(endpoints.startOAuthFlow, { body: { config, environmentId, grant } }),
    onSuccess: (view, { popup }) => {
      adopt(view)
      if (view.authorizeUrl && popup && !popup.closed) popup.location.href = view.authorizeUrl
      else popup?.close()
      setPopupBlocked(view.authorizeUrl !== null && popup === null)
    },
    onError: (_error, { popup }) => popup?.close(),
    meta: { shownInline: true }, // startError, in the Auth tab
  })

  const paste = useMutation({
    mutationFn: (url: string) => callEndpoint(endpoints.finishOAuthFlow, { params: { id: flowId! }, body: { url } }),
    meta: { shownInline: true },
    onSuccess: adopt,
  })

  const cancel = useMutation({
    mutationFn: () => callEndpoint(endpoints.cancelOAuthFlow, { params: { id: flowId! } }),
    meta: { shownInline: true },
    onSuccess: adopt,
  })

  const status = flow.data?.status
  useEffect(() => {
    if (status === 'completed') void queryClient.invalidateQueries({ queryKey: oauthKeys.tokens() })
  }, [status, queryClient])

  useEffect(() => {
    if (typeof BroadcastChannel !== 'function') return
    const channel = new BroadcastChannel(OAUTH_BROADCAST_CHANNEL)
    channel.onmessage = (event: MessageEvent<{ type?: string; flowId?: string }>) => {
      if (event.data?.type !== 'flow-updated' || typeof event.data.flowId !== 'string') return
      void queryClient.invalidateQueries({ queryKey: oauthKeys.flow(event.data.flowId) })
    }
    return () => channel.close()
  }, [queryClient])

  return {
    flow: flow.data ?? null,
    popupBlocked,
    isStarting: start.isPending,
    startError: start.error ?? paste.error ?? cancel.error,
    /** Call from the click itself, so the popup is allowed. */
    getToken: (grant?: OAuth2Grant) => {
      setPopupBlocked(false)
      start.reset()
      paste.reset()
      const popup = isBrowserGrant(grant ?? config.grant) ? openAuthPopup() : null
      start.mutate({ grant, popup })
    },
    paste: (url: string) => paste.mutate(url),
    isPasting: paste.isPending,
    cancel: () => cancel.mutate(),
  }
}
