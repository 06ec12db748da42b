import { endpoints } from '@courier/shared'
import { queryOptions } from '@tanstack/react-query'
import { callEndpoint } from './proxy-client'

/** Who is signed in, and on a team server their workspaces and roles: one query the whole page shares. */
export const meOptions = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: ({ signal }) => callEndpoint(endpoints.me, {}, signal),
    staleTime: 60_000,
  })
