import { withoutBlankRows, type RequestSpec } from '@courier/shared'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState, type Dispatch } from 'react'
import { environmentsOptions } from '../features/environments'
import { historyEntryOptions } from '../features/history'
import { useSendRequest } from '../features/request-editor'
import type { ResponseState } from '../features/response-viewer'
import type { OpenTab, WorkspaceAction } from '../features/workspace'

/**
 * Each tab's response: what its last send answered, or, for a restored tab, its last response
 * fetched again from history. `doSend` sends the active tab's request (or a variant of it).
 */
export function useTabResponses(
  active: OpenTab | undefined,
  environmentId: string | null,
  dispatch: Dispatch<WorkspaceAction>,
) {
  const [responses, setResponses] = useState<Record<string, ResponseState>>({})
  const send = useSendRequest()
  const queryClient = useQueryClient()
  const response: ResponseState = (active && responses[active.id]) ?? { kind: 'empty' }
  const setResponse = useCallback(
    (tabId: string, state: ResponseState) => setResponses((current) => ({ ...current, [tabId]: state })),
    [],
  )

  // A restored tab shows its last response again (kept in history).
  const responseId = active?.responseId ?? null
  useEffect(() => {
    if (!active || !responseId || responses[active.id]) return
    const tabId = active.id
    queryClient
      .fetchQuery(historyEntryOptions(responseId))
      .then((entry) => setResponse(tabId, { kind: 'record', record: entry.response, fromHistory: true }))
      .catch(() => dispatch({ type: 'responded', tabId, responseId: null }))
  }, [active, responseId, responses, queryClient, setResponse, dispatch])

  /** Sends the active tab's request, or a variant of it (the next page of a Link header). */
  const doSend = useCallback(
    (override?: RequestSpec) => {
      if (!active || send.isPending) return
      const tabId = active.id
      setResponse(tabId, { kind: 'sending', startedAt: performance.now() })
      send.mutate(
        {
          // Blank rows are ignored, as in Postman: an empty Capture or Header line never blocks a send.
          request: withoutBlankRows(override ?? active.draft.spec),
          environmentId: environmentId ?? undefined,
          itemId: active.itemId ?? undefined,
        },
        {
          onSuccess: ({ record, roundTripMs }) => {
            setResponse(tabId, { kind: 'record', record, fromHistory: false, roundTripMs })
            dispatch({ type: 'responded', tabId, responseId: record.error?.code === 'ABORTED' ? null : record.id })
            if (active.draft.spec.captures.length)
              void queryClient.invalidateQueries({ queryKey: environmentsOptions().queryKey })
          },
          onError: (error) =>
            setResponse(tabId, error.name === 'AbortError' ? { kind: 'empty' } : { kind: 'error', error }),
        },
      )
    },
    [active, send, environmentId, setResponse, dispatch, queryClient],
  )

  return { response, setResponse, doSend, isSending: send.isPending, cancel: send.cancel }
}
