import { currentWorkspace } from '../../shared/api/current-workspace'
import type { ChangeEvent, SavedRequestItem } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState, type Dispatch } from 'react'
import { collectionsOptions } from '../collections'
import type { OpenTab, Workspace, WorkspaceAction } from '../workspace'
import { changedBy } from './live-keys'
import { useLiveEvents } from './use-live-events'

type Remote = { note: string; version: number }

/** A tab whose draft has edits while a newer version of its request was saved elsewhere. */
export type ChangedTab = { tabId: string; note: string; version: number }

/**
 * What the page does with changes made elsewhere: the queries refetch (useLiveEvents); a tab
 * without edits follows the newly saved version; a tab with edits keeps them and is marked
 * ("Changed by Ann") until the person reloads theirs or keeps their own (a later save then meets
 * the usual conflict handling). A request deleted elsewhere leaves its tabs open as drafts.
 */
export function useRemoteChanges(workspace: Workspace, dispatch: Dispatch<WorkspaceAction>) {
  const [remote, setRemote] = useState<ReadonlyMap<string, Remote>>(new Map())
  const [kept, setKept] = useState<ReadonlyMap<string, number>>(new Map())
  const tree = useQuery(collectionsOptions())

  useLiveEvents(
    useCallback(
      (event: ChangeEvent) => {
        if (event.kind !== 'item') return
        if (event.action === 'deleted') return dispatch({ type: 'item-removed', itemIds: [event.id] })
        if (event.version === null) return
        const version = event.version
        setRemote((map) => new Map(map).set(event.id, { note: changedBy(event), version }))
      },
      [dispatch],
    ),
    currentWorkspace(),
  )

  const items = useMemo(() => {
    const byId = new Map<string, SavedRequestItem>()
    for (const collection of tree.data ?? [])
      for (const item of collection.items) if (item.kind === 'request') byId.set(item.id, item)
    return byId
  }, [tree.data])

  // Tabs without edits show what is saved now.
  useEffect(() => {
    for (const tab of workspace.tabs) {
      const item = tab.itemId ? items.get(tab.itemId) : undefined
      if (!item || tab.isDirty || tab.baseVersion === null || item.version <= tab.baseVersion) continue
      dispatch({ type: 'item-updated', itemId: item.id, version: item.version, title: item.name, spec: item.request })
    }
  }, [items, workspace.tabs, dispatch])

  const changed: ChangedTab[] = workspace.tabs.flatMap((tab) => {
    const change = tab.itemId ? remote.get(tab.itemId) : undefined
    if (!change || !tab.isDirty || tab.baseVersion === null || change.version <= tab.baseVersion) return []
    if ((kept.get(tab.id) ?? -1) >= change.version) return []
    return [{ tabId: tab.id, note: change.note, version: change.version }]
  })

  return {
    changed,
    /** Replaces the tab's draft with the saved version. */
    reload: (tab: OpenTab) => {
      const item = tab.itemId ? items.get(tab.itemId) : undefined
      if (!item) return
      dispatch({ type: 'edit', tabId: tab.id, action: { type: 'load', spec: item.request } })
      dispatch({ type: 'saved', tabId: tab.id, itemId: item.id, version: item.version, title: item.name })
    },
    /** Keeps the draft; the mark goes until the request changes again. */
    keep: (tab: OpenTab, version: number) => setKept((map) => new Map(map).set(tab.id, version)),
  }
}
