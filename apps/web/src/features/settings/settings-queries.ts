import { endpoints, type AppSettings } from '@courier/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { callEndpoint } from '../../shared/api/proxy-client'

export const settingsKeys = { all: ['settings'] as const }

export function appSettingsOptions() {
  return queryOptions({
    queryKey: settingsKeys.all,
    queryFn: ({ signal }) => callEndpoint(endpoints.getSettings, {}, signal),
  })
}

export function useSaveSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (settings: AppSettings) => callEndpoint(endpoints.putSettings, { body: settings }),
    meta: { shownInline: true }, // beside the dialog's Save button
    onSuccess: (saved) => queryClient.setQueryData(settingsKeys.all, saved),
  })
}
