import { endpoints, type Mock, type MockInput, type UpdateMockSchema } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import { callEndpoint } from '../../shared/api/proxy-client'

/** Every key starts with 'mocks': a live 'mock' change (features/live) makes them all stale. */
export const mockKeys = {
  all: ['mocks'] as const,
  routes: (id: string) => ['mocks', id, 'routes'] as const,
  calls: (id: string) => ['mocks', id, 'calls'] as const,
}

export function mocksOptions() {
  return queryOptions({
    queryKey: mockKeys.all,
    queryFn: ({ signal }) => callEndpoint(endpoints.listMocks, {}, signal),
  })
}

export function mockRoutesOptions(id: string) {
  return queryOptions({
    queryKey: mockKeys.routes(id),
    queryFn: ({ signal }) => callEndpoint(endpoints.listMockRoutes, { params: { id } }, signal),
  })
}

export function mockCallsOptions(id: string) {
  return queryOptions({
    queryKey: mockKeys.calls(id),
    queryFn: ({ signal }) => callEndpoint(endpoints.listMockCalls, { params: { id } }, signal),
  })
}

function useMockMutation<I, O>(run: (input: I) => Promise<O>, failure: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    meta: { failure: () => failure, shownInline: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: mockKeys.all }),
  })
}

export function useCreateMock() {
  return useMockMutation((body: MockInput) => callEndpoint(endpoints.createMock, { body }), 'Could not create the mock')
}

/**
 * A change to a mock, sent with every field that has a default in the contract: a field left out of a
 * PATCH would otherwise be parsed as its default (zod 4 applies defaults inside .partial()), and
 * choosing an example would forget the mock's origins. The source stays as it is (it has no default).
 */
export function mockPatch(mock: Mock, change: Partial<Omit<MockInput, 'source'>>) {
  const { allowedOrigins, delayMs, routes, enabled } = mock
  return { id: mock.id, version: mock.version, allowedOrigins, delayMs, routes, enabled, ...change }
}

export function useUpdateMock() {
  return useMockMutation(
    ({ id, ...body }: z.input<typeof UpdateMockSchema> & { id: string }) =>
      callEndpoint(endpoints.updateMock, { params: { id }, body }),
    'Could not change the mock',
  )
}

export function useDeleteMock() {
  return useMockMutation(
    (id: string) => callEndpoint(endpoints.deleteMock, { params: { id } }),
    'Could not delete the mock',
  )
}

export function useClearMockCalls() {
  return useMockMutation(
    (id: string) => callEndpoint(endpoints.clearMockCalls, { params: { id } }),
    'Could not clear the call log',
  )
}
