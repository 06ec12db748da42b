import { endpoints, type CookieKey, type JarCookieInput } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { FailureSay } from '../../shared/api/mutation-meta'
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

function useCookieMutation<T>(
  run: (input: T) => Promise<unknown>,
  failure: (input: T) => string,
  say: FailureSay<T> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    meta: {
      failure: say.failure ?? failure,
      next: 'The jar now shows what is kept; try again from there.',
      shownInline: say.shownInline,
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: cookieKeys.all }),
  })
}

export const usePutCookie = (say?: FailureSay<JarCookieInput>) =>
  useCookieMutation(
    (cookie: JarCookieInput) => callEndpoint(endpoints.putCookie, { body: cookie }),
    (cookie) => `Could not save the cookie “${cookie.name}”`,
    say,
  )
export const useDeleteCookie = (say?: FailureSay<CookieKey>) =>
  useCookieMutation(
    (key: CookieKey) => callEndpoint(endpoints.deleteCookie, { query: key }),
    (key) => `Could not delete the cookie “${key.name}”`,
    say,
  )
export const useClearCookies = (say?: FailureSay<void>) =>
  useCookieMutation(
    (_: void) => callEndpoint(endpoints.clearCookies),
    () => 'Could not clear the cookie jar',
    say,
  )
