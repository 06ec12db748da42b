import { endpoints, type CookieKey, type JarCookieInput } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export const cookieKeys = {
  all: ['cookies'] as const,
  list: (url?: string) => [...cookieKeys.all, 'list', url ?? ''] as const,
}

export function cookieListOptions(url?: string) {
  return queryOptions({
    queryKey: cookieKeys.list(url),
    queryFn: ({ signal }) => callEndpoint(endpoints.listCookies, { query: url ? { url } : {} }, signal),
  })
}

function useCookieMutation<T>(run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: run, onSettled: () => queryClient.invalidateQueries({ queryKey: cookieKeys.all }) })
}

export const usePutCookie = () => useCookieMutation((cookie: JarCookieInput) => callEndpoint(endpoints.putCookie, { body: cookie }))
export const useDeleteCookie = () => useCookieMutation((key: CookieKey) => callEndpoint(endpoints.deleteCookie, { query: key }))
export const useClearCookies = () => useCookieMutation((_: void) => callEndpoint(endpoints.clearCookies))
