import { endpoints, type CollectionItem } from '@courier/shared'
import { useQueryClient } from '@tanstack/react-query'
import { useState, type Dispatch } from 'react'
import { ApiError, callEndpoint } from '../shared/api/proxy-client'
import type { OpenTab, WorkspaceAction } from '../features/workspace'
import { collectionsOptions } from '../features/collections'
import { reportFailure } from './failure-notices'

export type SaveConflict = { tab: OpenTab; current: Extract<CollectionItem, { kind: 'request' }> }

/**
 * Ctrl+S: a tab of a saved request writes back with the version it started from; a newer
 * version on the server (another tab, a teammate) is a conflict the person resolves.
 * A scratch tab asks where to save. `onSaved` hears of each request written (the tree reveals it).
 */
export function useSaveTab(dispatch: Dispatch<WorkspaceAction>, onSaved?: (itemId: string) => void) {
  const queryClient = useQueryClient()
  const [conflict, setConflict] = useState<SaveConflict | null>(null)
  const [saveAs, setSaveAs] = useState<OpenTab | null>(null)

  /** Answers whether the tab was saved (a conflict or failure leaves it as it was). */
  const write = async (tab: OpenTab, version: number): Promise<boolean> => {
    if (!tab.itemId) return false
    try {
      const saved = await callEndpoint(endpoints.updateItem, {
        params: { id: tab.itemId },
        body: { version, request: tab.draft.spec },
      })
      dispatch({ type: 'saved', tabId: tab.id, itemId: saved.id, version: saved.version, title: saved.name })
      setConflict(null)
      onSaved?.(saved.id)
      void queryClient.invalidateQueries({ queryKey: collectionsOptions().queryKey })
      return true
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STORAGE_CONFLICT') {
        const current = await callEndpoint(endpoints.listCollections).then((trees) =>
          trees.flatMap((t) => t.items).find((i) => i.id === tab.itemId),
        )
        if (current?.kind === 'request') setConflict({ tab, current })
        return false
      }
      if (error instanceof ApiError && error.code === 'NOT_FOUND') {
        dispatch({ type: 'item-removed', itemIds: [tab.itemId] })
        setSaveAs({ ...tab, itemId: null })
        return false
      }
      reportFailure(`Could not save “${tab.title}”`, error)
      return false
    }
  }

  return {
    conflict,
    saveAs,
    save: (tab: OpenTab) => (tab.itemId && tab.baseVersion !== null ? write(tab, tab.baseVersion) : setSaveAs(tab)),
    overwrite: () => conflict && write(conflict.tab, conflict.current.version),
    reloadTheirs: () => {
      if (!conflict) return
      dispatch({ type: 'edit', tabId: conflict.tab.id, action: { type: 'load', spec: conflict.current.request } })
      dispatch({
        type: 'saved',
        tabId: conflict.tab.id,
        itemId: conflict.current.id,
        version: conflict.current.version,
        title: conflict.current.name,
      })
      setConflict(null)
    },
    dismissConflict: () => setConflict(null),
    closeSaveAs: () => setSaveAs(null),
  }
}
