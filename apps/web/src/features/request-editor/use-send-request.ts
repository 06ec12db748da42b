import { endpoints, type ResponseRecord, type SendInput } from '@courier/shared'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { callEndpoint } from '../../shared/api/proxy-client'
import { historyKeys } from '../history'

export type SendResult = { record: ResponseRecord; roundTripMs: number }

/** Sends the draft through Courier; a new history row appears once it settles. */
export function useSendRequest() {
  const queryClient = useQueryClient()
  const abortRef = useRef<AbortController | null>(null)

  const mutation = useMutation({
    mutationKey: ['send-request'],
    meta: { shownInline: true }, // the response pane shows a failed send
    mutationFn: async (input: SendInput): Promise<SendResult> => {
      abortRef.current = new AbortController()
      const started = performance.now()
      const record = await callEndpoint(endpoints.send, { body: input }, abortRef.current.signal)
      return { record, roundTripMs: performance.now() - started }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyKeys.all }),
  })

  return { ...mutation, cancel: () => abortRef.current?.abort() }
}
