import { endpoints, type UpdateEnvironment, type Variable } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export const environmentKeys = { all: ['environments'] as const }

export function environmentsOptions() {
  return queryOptions({ queryKey: environmentKeys.all, queryFn: ({ signal }) => callEndpoint(endpoints.listEnvironments, {}, signal) })
}

function useEnvironmentMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: run, onSettled: () => queryClient.invalidateQueries({ queryKey: environmentKeys.all }) })
}

export const useCreateEnvironment = () => useEnvironmentMutation(({ name, variables = [] }: { name: string; variables?: Variable[] }) => callEndpoint(endpoints.createEnvironment, { body: { name, variables } }))
export const useUpdateEnvironment = () => useEnvironmentMutation(({ id, patch }: { id: string; patch: UpdateEnvironment }) => callEndpoint(endpoints.updateEnvironment, { params: { id }, body: patch }))
export const useDeleteEnvironment = () => useEnvironmentMutation((id: string) => callEndpoint(endpoints.deleteEnvironment, { params: { id } }))
export const useDuplicateEnvironment = () => useEnvironmentMutation((id: string) => callEndpoint(endpoints.duplicateEnvironment, { params: { id } }))
