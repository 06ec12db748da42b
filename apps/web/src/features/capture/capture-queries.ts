import { endpoints, type CaptureMount, type CaptureMountInput, type HistoryQueryInput } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { UpdateCaptureMountSchema } from '@courier/shared'
import { callEndpoint } from '../../shared/api/proxy-client'

/** Captured exchanges live under 'history' (a new one, or a live 'capture' change, makes history stale). */
export const captureKeys = {
  mounts: ['capture-mounts'] as const,
  exchanges: (query: HistoryQueryInput) => ['history', 'capture', query] as const,
  allExchanges: ['history', 'capture'] as const,
}

export function mountsOptions() {
  return queryOptions({
    queryKey: captureKeys.mounts,
    queryFn: ({ signal }) => callEndpoint(endpoints.listCaptureMounts, {}, signal),
  })
}

export function exchangesOptions(query: HistoryQueryInput) {
  return queryOptions({
    queryKey: captureKeys.exchanges(query),
    queryFn: ({ signal }) => callEndpoint(endpoints.listHistory, { query }, signal),
    placeholderData: (previous) => previous,
  })
}

function useMountMutation<I, O>(run: (input: I) => Promise<O>, failure: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    meta: { failure: () => failure, shownInline: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: captureKeys.mounts }),
  })
}

export function useCreateMount() {
  return useMountMutation(
    (body: CaptureMountInput) => callEndpoint(endpoints.createCaptureMount, { body }),
    'Could not create the mount',
  )
}

/**
 * A change to a mount, sent with every field that has a default in the contract: a field left out
 * of a PATCH would otherwise be parsed as its default (zod 4 applies defaults inside .partial()),
 * and a Pause would forget the mount's origins and headers.
 */
export function mountPatch(mount: CaptureMount, change: Partial<CaptureMountInput>) {
  const { allowedOrigins, headers, environmentId, enabled } = mount
  return { id: mount.id, version: mount.version, allowedOrigins, headers, environmentId, enabled, ...change }
}

export function useUpdateMount() {
  return useMountMutation(
    ({ id, ...body }: z.input<typeof UpdateCaptureMountSchema> & { id: string }) =>
      callEndpoint(endpoints.updateCaptureMount, { params: { id }, body }),
    'Could not change the mount',
  )
}

export function useDeleteMount() {
  return useMountMutation(
    (id: string) => callEndpoint(endpoints.deleteCaptureMount, { params: { id } }),
    'Could not delete the mount',
  )
}
