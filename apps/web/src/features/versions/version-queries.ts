import { endpoints, type VersionedKind } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export const trashKeys = { all: ['trash'] as const }
export const versionKeys = { of: (kind: VersionedKind, id: string) => ['versions', kind, id] as const }

export function trashOptions() {
  return queryOptions({
    queryKey: trashKeys.all,
    queryFn: ({ signal }) => callEndpoint(endpoints.listTrash, {}, signal),
  })
}

export function versionsOptions(kind: VersionedKind, id: string) {
  return queryOptions({
    queryKey: versionKeys.of(kind, id),
    queryFn: ({ signal }) => callEndpoint(endpoints.listVersions, { params: { kind, id } }, signal),
  })
}

export function versionOptions(kind: VersionedKind, id: string, version: number | null) {
  return queryOptions({
    queryKey: [...versionKeys.of(kind, id), version] as const,
    queryFn: ({ signal }) =>
      callEndpoint(endpoints.getVersion, { params: { kind, id, version: String(version) } }, signal),
    enabled: version !== null,
  })
}

/** What a restore changes: the tree, the environments, the trash and the versions. */
function useRefreshAll() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all(
      [['collections'], ['environments'], trashKeys.all, ['versions']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    )
}

export function useRestoreTrash() {
  const refresh = useRefreshAll()
  return useMutation({
    mutationFn: (id: string) => callEndpoint(endpoints.restoreTrash, { params: { id }, body: {} }),
    onSettled: refresh,
    meta: { failure: () => 'Could not restore it from the Trash' },
  })
}

export function useDeleteTrash() {
  const refresh = useRefreshAll()
  return useMutation({
    mutationFn: (id: string) => callEndpoint(endpoints.deleteTrash, { params: { id } }),
    onSettled: refresh,
    meta: { failure: () => 'Could not delete it for good' },
  })
}

export function useRestoreVersion() {
  const refresh = useRefreshAll()
  return useMutation({
    mutationFn: (input: { kind: VersionedKind; id: string; version: number }) =>
      callEndpoint(endpoints.restoreVersion, {
        params: { kind: input.kind, id: input.id, version: String(input.version) },
        body: {},
      }),
    onSettled: refresh,
    meta: { failure: () => 'Could not restore that version' },
  })
}
