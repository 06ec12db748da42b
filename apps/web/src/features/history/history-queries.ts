import { endpoints, type HistoryQueryInput } from '@courier/shared'
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export const historyKeys = {
  all: ['history'] as const,
  list: (query: HistoryQueryInput) => [...historyKeys.all, 'list', query] as const,
  entry: (id: string) => [...historyKeys.all, 'entry', id] as const,
}

export function historyListOptions(query: HistoryQueryInput) {
  return queryOptions({
    queryKey: historyKeys.list(query),
    queryFn: ({ signal }) => callEndpoint(endpoints.listHistory, { query }, signal),
  })
}

/** Pages of history for a search, newest first, fetched as the list scrolls. */
export function historySearchOptions(query: Omit<HistoryQueryInput, 'before'>) {
  return infiniteQueryOptions({
    queryKey: [...historyKeys.all, 'search', query] as const,
    queryFn: ({ signal, pageParam }) =>
      callEndpoint(endpoints.listHistory, { query: { ...query, ...(pageParam ? { before: pageParam } : {}) } }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  })
}

export function historyEntryOptions(id: string) {
  return queryOptions({
    queryKey: historyKeys.entry(id),
    queryFn: ({ signal }) => callEndpoint(endpoints.getHistory, { params: { id } }, signal),
    staleTime: Infinity, // an entry never changes once written
  })
}

export function useDeleteHistoryEntry() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => callEndpoint(endpoints.deleteHistory, { params: { id } }),
    meta: {
      failure: () => 'Could not delete the history entry',
      next: 'The list now shows what is kept; try again from there.',
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyKeys.all }),
  })
}

export function useClearHistory() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => callEndpoint(endpoints.clearHistory),
    meta: { failure: () => 'Could not clear the history' },
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyKeys.all }),
  })
}
