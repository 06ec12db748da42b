import { endpoints, type SetCurrentValue, type UpdateEnvironment, type Variable } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { FailureSay } from '../../shared/api/mutation-meta'
import { callEndpoint } from '../../shared/api/proxy-client'

export const environmentKeys = { all: ['environments'] as const }

export function environmentsOptions() {
  return queryOptions({
    queryKey: environmentKeys.all,
    queryFn: ({ signal }) => callEndpoint(endpoints.listEnvironments, {}, signal),
  })
}

/** After a failure the list is fetched again, so what the dialog shows is what is saved. */
const NEXT = 'The list now shows what is saved; try again from there.'

function useEnvironmentMutation<I, O>(
  run: (input: I) => Promise<O>,
  failure: (input: I) => string,
  say: FailureSay<I> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    // Sent even while the browser says it is offline: a Save that cannot reach Courier fails at
    // once, so its dialog can keep it in the outbox and say so, rather than wait unseen (paused).
    networkMode: 'always',
    meta: { failure: say.failure ?? failure, next: NEXT, shownInline: say.shownInline },
    onSettled: () => queryClient.invalidateQueries({ queryKey: environmentKeys.all }),
  })
}

export const useCreateEnvironment = (say?: FailureSay<{ name: string; variables?: Variable[] }>) =>
  useEnvironmentMutation(
    ({ name, variables = [] }: { name: string; variables?: Variable[] }) =>
      callEndpoint(endpoints.createEnvironment, { body: { name, variables } }),
    ({ name }) => `Could not create the environment “${name}”`,
    say,
  )
export const useUpdateEnvironment = (say?: FailureSay<{ id: string; patch: UpdateEnvironment }>) =>
  useEnvironmentMutation(
    ({ id, patch }: { id: string; patch: UpdateEnvironment }) =>
      callEndpoint(endpoints.updateEnvironment, { params: { id }, body: patch }),
    () => 'Could not save the environment',
    say,
  )
/** My own current value of a variable: set, or cleared with null. */
export const useSetCurrentValue = (say?: FailureSay<{ id: string; change: SetCurrentValue }>) =>
  useEnvironmentMutation(
    ({ id, change }: { id: string; change: SetCurrentValue }) =>
      callEndpoint(endpoints.setCurrentValue, { params: { id }, body: change }),
    ({ change }) => `Could not save your current value of {{${change.name}}}`,
    say,
  )
export const useDeleteEnvironment = (say?: FailureSay<string>) =>
  useEnvironmentMutation(
    (id: string) => callEndpoint(endpoints.deleteEnvironment, { params: { id } }),
    () => 'Could not delete the environment',
    say,
  )
export const useDuplicateEnvironment = (say?: FailureSay<string>) =>
  useEnvironmentMutation(
    (id: string) => callEndpoint(endpoints.duplicateEnvironment, { params: { id } }),
    () => 'Could not duplicate the environment',
    say,
  )
