import {
  CollectionItemSchema,
  endpoints,
  mergeItem,
  SaveConflictDetailsSchema,
  withRequestField,
  type FieldConflict,
  type RequestSpec,
  type SavedRequestItem,
} from '@courier/shared'
import { useQueryClient } from '@tanstack/react-query'
import { useState, type Dispatch } from 'react'
import { ApiError, callEndpoint } from '../shared/api/proxy-client'
import type { OpenTab, WorkspaceAction } from '../features/workspace'
import { collectionsOptions } from '../features/collections'
import type { Choice } from '../features/versions'
import { keptReason, type KeptChange, type Outbox } from '../features/outbox'
import { reportFailure } from './failure-notices'

/** A save met edits made elsewhere to the same parts of the request. */
export type SaveConflict = {
  tab: OpenTab
  /** The request as saved now (theirs). */
  current: SavedRequestItem
  /** The version the tab started from; null when it is no longer kept. */
  base: SavedRequestItem | null
  /** The tab's request as the save meant it. */
  mine: SavedRequestItem
  theirs: { userId: string; at: string } | null
  conflicts: FieldConflict[]
}

/** How a save ended: written, in the conflict dialog, kept in the browser (offline, signed out), or refused. */
export type SaveOutcome = 'saved' | 'conflict' | 'kept' | 'failed'

const sameSpec = (a: RequestSpec, b: RequestSpec) => JSON.stringify(a) === JSON.stringify(b)

const asRequest = (value: unknown): SavedRequestItem | null => {
  const parsed = CollectionItemSchema.safeParse(value)
  return parsed.success && parsed.data.kind === 'request' ? parsed.data : null
}

/**
 * Ctrl+S: a tab of a saved request writes back with the version it started from. When the request
 * changed elsewhere since (another tab, a teammate), the server merges field by field: the tab then
 * shows the merged request. Parts both changed open the conflict dialog: base, theirs and mine per
 * part, saved on top of the current version with the person's choices; Cancel keeps the draft.
 * A scratch tab asks where to save. `onSaved` hears of each request written (the tree reveals it).
 * A save that cannot reach the server (network down, session ended) is kept in `outbox` with the
 * version it was made on, and `replay` sends it again later the same way, conflicts included.
 */
export function useSaveTab(
  dispatch: Dispatch<WorkspaceAction>,
  onSaved?: (itemId: string) => void,
  onMerged?: (message: string) => void,
  outbox?: Outbox | null,
) {
  const queryClient = useQueryClient()
  const [conflict, setConflict] = useState<SaveConflict | null>(null)
  const [saveAs, setSaveAs] = useState<OpenTab | null>(null)

  /**
   * Writes the tab's request (or `spec`) over `version`; a conflict or failure leaves the tab as it
   * was. `replay`: the kept change being sent again; the tab may hold edits typed after it was kept.
   */
  const write = async (
    tab: OpenTab,
    version: number,
    spec: RequestSpec = tab.draft.spec,
    replay?: KeptChange,
  ): Promise<SaveOutcome> => {
    if (!tab.itemId) return 'failed'
    const itemId = tab.itemId
    // Typed on after the kept save: the newer edits stay in the tab, unsaved, over the saved version.
    const typedSince = replay !== undefined && !sameSpec(tab.draft.spec, spec)
    try {
      const saved = await callEndpoint(endpoints.updateItem, {
        params: { id: itemId },
        body: { version, request: spec },
      })
      if (replay) outbox?.drop(itemId, spec)
      if (saved.kind === 'request' && !typedSince && (saved.merged || spec !== tab.draft.spec))
        dispatch({ type: 'edit', tabId: tab.id, action: { type: 'load', spec: saved.request } })
      dispatch({
        type: 'saved',
        tabId: tab.id,
        itemId: saved.id,
        version: saved.version,
        title: saved.name,
        ...(typedSince ? { keepsEdits: true } : {}),
      })
      if (saved.merged && saved.merged.fromTheirs.length > 0)
        onMerged?.(
          `Saved “${saved.name}”, merged with changes made elsewhere to: ${saved.merged.fromTheirs.join(', ')}.`,
        )
      setConflict(null)
      onSaved?.(saved.id)
      void queryClient.invalidateQueries({ queryKey: collectionsOptions().queryKey })
      return 'saved'
    } catch (error) {
      const reason = keptReason(error)
      if (reason && outbox) {
        outbox.keep({
          itemId,
          title: tab.title,
          baseVersion: replay?.baseVersion ?? version,
          spec,
          reason,
          keptAt: new Date().toISOString(),
        })
        return 'kept'
      }
      // The server answered for the replayed change: from here on it lives in the tab (and its dialog).
      if (replay) outbox?.drop(itemId, spec)
      if (error instanceof ApiError && error.code === 'STORAGE_CONFLICT') {
        const details = SaveConflictDetailsSchema.safeParse(error.details)
        let current = details.success ? asRequest(details.data.current) : null
        current ??= await callEndpoint(endpoints.listCollections).then((trees) =>
          asRequest(trees.flatMap((t) => t.items).find((i) => i.id === itemId)),
        )
        if (!current) return 'failed'
        const base = details.success ? asRequest(details.data.base) : null
        const mine = { ...(base ?? current), request: spec }
        const conflicts =
          details.success && details.data.conflicts.length > 0
            ? details.data.conflicts
            : mergeItem(base, mine, current).conflicts
        setConflict({
          tab,
          current,
          base,
          mine,
          theirs: details.success ? details.data.theirs : null,
          conflicts,
        })
        return 'conflict'
      }
      if (error instanceof ApiError && error.code === 'NOT_FOUND') {
        dispatch({ type: 'item-removed', itemIds: [itemId] })
        setSaveAs({ ...tab, itemId: null })
        return 'failed'
      }
      reportFailure(`Could not save “${tab.title}”`, error)
      return 'failed'
    }
  }

  return {
    conflict,
    saveAs,
    save: (tab: OpenTab) =>
      tab.itemId && tab.baseVersion !== null ? write(tab, tab.baseVersion).then((o) => o === 'saved') : setSaveAs(tab),
    /** Sends a kept change again, on the version it was made on: merged, saved, or the conflict dialog. */
    replay: (tab: OpenTab, kept: KeptChange) => write(tab, kept.baseVersion, kept.spec, kept),
    /** Saves the merge of mine and theirs with the person's choice for each conflicting part, over the current version. */
    resolve: (choices: Record<string, Choice>) => {
      if (!conflict) return
      const { merged } = mergeItem(conflict.base, conflict.mine, conflict.current)
      let spec = merged.request
      for (const c of conflict.conflicts)
        if (choices[c.field] === 'mine') spec = withRequestField(spec, conflict.mine.request, c.field)
      void write(conflict.tab, conflict.current.version, spec)
    },
    dismissConflict: () => setConflict(null),
    closeSaveAs: () => setSaveAs(null),
  }
}
