import { endpoints, type RunInput } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export const runKeys = {
  all: ['runs'] as const,
  list: () => [...runKeys.all, 'list'] as const,
  run: (id: string) => [...runKeys.all, 'run', id] as const,
}

/** How often a running run is fetched again for its new steps. */
const POLL_MS = 500

export function runListOptions() {
  return queryOptions({
    queryKey: runKeys.list(),
    queryFn: ({ signal }) => callEndpoint(endpoints.listRuns, {}, signal),
  })
}

/** One run with its steps so far, polled while it is running. */
export function runOptions(id: string) {
  return queryOptions({
    queryKey: runKeys.run(id),
    queryFn: ({ signal }) => callEndpoint(endpoints.getRun, { params: { id } }, signal),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? POLL_MS : false),
  })
}

export function useStartRun() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: RunInput) => callEndpoint(endpoints.startRun, { body: input }),
    meta: { failure: () => 'Could not start the run', shownInline: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: runKeys.list() }),
  })
}

export function useStopRun() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => callEndpoint(endpoints.stopRun, { params: { id }, body: {} }),
    meta: { failure: () => 'Could not stop the run' },
    onSuccess: (report, id) => queryClient.setQueryData(runKeys.run(id), report),
    onSettled: () => queryClient.invalidateQueries({ queryKey: runKeys.all }),
  })
}

export function useDeleteRun() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => callEndpoint(endpoints.deleteRun, { params: { id } }),
    meta: { failure: () => 'Could not delete the run' },
    onSettled: () => queryClient.invalidateQueries({ queryKey: runKeys.list() }),
  })
}
