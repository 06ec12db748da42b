import { endpoints, type OAuthFlowView } from '@courier/shared'
import { queryOptions, useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { callEndpoint } from '../../../shared/api/proxy-client'

export const oauthKeys = {
  all: ['oauth'] as const,
  token: (environmentId: string | null, tokenKey: string) =>
    [...oauthKeys.all, 'token', environmentId ?? 'default', tokenKey] as const,
  tokens: () => [...oauthKeys.all, 'token'] as const,
  flow: (id: string) => [...oauthKeys.all, 'flow', id] as const,
}

const isLive = (flow: OAuthFlowView | undefined) => flow?.status === 'waiting' || flow?.status === 'polling'

export function oauthTokenOptions(environmentId: string | null, tokenKey: string) {
  return queryOptions({
    queryKey: oauthKeys.token(environmentId, tokenKey),
    queryFn: ({ signal }) =>
      callEndpoint(endpoints.getOAuthToken, { query: { environmentId: environmentId ?? undefined, tokenKey } }, signal),
  })
}

/** A flow, watched while it waits: the callback page also says when (BroadcastChannel). */
export function oauthFlowOptions(id: string) {
  return queryOptions({
    queryKey: oauthKeys.flow(id),
    queryFn: ({ signal }) => callEndpoint(endpoints.getOAuthFlow, { params: { id } }, signal),
    refetchInterval: (query) => (isLive(query.state.data) ? 1500 : false),
  })
}

export function useForgetOAuthToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ environmentId, tokenKey }: { environmentId: string | null; tokenKey: string }) =>
      callEndpoint(endpoints.deleteOAuthToken, { query: { environmentId: environmentId ?? undefined, tokenKey } }),
    meta: { failure: () => 'Could not forget the token' },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oauthKeys.tokens() }),
  })
}

export function useDiscoverOAuth() {
  return useMutation({
    mutationFn: ({ issuer, environmentId }: { issuer: string; environmentId: string | null }) =>
      callEndpoint(endpoints.discoverOAuth, { body: { issuer, environmentId } }),
    meta: { shownInline: true }, // the config form shows it beside the issuer
  })
}

/** A send may refresh or fetch the token on the server; show the token as it is after each one. */
export function useTokenFollowsSends() {
  const queryClient = useQueryClient()
  const sending = useIsMutating({ mutationKey: ['send-request'] })
  const wasSending = useRef(sending)
  useEffect(() => {
    if (wasSending.current > 0 && sending === 0) void queryClient.invalidateQueries({ queryKey: oauthKeys.tokens() })
    wasSending.current = sending
  }, [sending, queryClient])
}
