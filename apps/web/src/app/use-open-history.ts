import type { HistorySummary } from '@courier/shared'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, type Dispatch } from 'react'
import { historyEntryOptions } from '../features/history'
import { pathTitle, type OpenTab, type WorkspaceAction } from '../features/workspace'
import type { useTabResponses } from './use-tab-responses'

type SetResponse = ReturnType<typeof useTabResponses>['setResponse']

/** Opens a history entry in a tab (a new one when asked): the request as sent, and its response. */
export function useOpenHistory(
  dispatch: Dispatch<WorkspaceAction>,
  active: OpenTab | undefined,
  setResponse: SetResponse,
) {
  const queryClient = useQueryClient()
  return useCallback(
    async (summary: HistorySummary, newTab = false) => {
      try {
        const entry = await queryClient.fetchQuery(historyEntryOptions(summary.id))
        dispatch({
          type: 'open',
          newTab,
          request: {
            itemId: null,
            // The tab's badge shows the method; the title is the URL's path.
            title: pathTitle(summary.url),
            spec: entry.request,
            baseVersion: null,
            responseId: entry.id,
          },
        })
      } catch (error) {
        if (active) setResponse(active.id, { kind: 'error', error: error as Error })
      }
    },
    [queryClient, dispatch, active, setResponse],
  )
}
