import { useRef, useState, type Dispatch } from 'react'
import type { OpenTab, Workspace, WorkspaceAction } from '../features/workspace'
import type { useSaveTab } from './use-save-tab'

type Saving = ReturnType<typeof useSaveTab>

/** A saved request with edits writes back in place; a never-saved draft needs a name and a collection. */
const hasHome = (tab: OpenTab) => tab.itemId !== null && tab.baseVersion !== null

/**
 * Closing tabs without losing edits. Clean tabs close at once; the ones with unsaved changes are
 * listed in one Save / Don't save / Cancel question (as VS Code asks for Close All: one answer, not
 * one dialog per tab). Save writes the saved requests back and then asks, draft by draft, where to
 * save each never-saved one; a tab closes only once it is saved. Every closed tab can be reopened.
 */
export function useCloseTabs(workspace: Workspace, dispatch: Dispatch<WorkspaceAction>, saving: Saving) {
  const [asking, setAsking] = useState<OpenTab[] | null>(null)
  // Drafts still to be saved-as before they close; the one in the save dialog now, and whether it was saved.
  const queue = useRef<OpenTab[]>([])
  const closing = useRef<string | null>(null)
  const savedCurrent = useRef(false)

  const saveAsThenClose = (tab: OpenTab | undefined) => {
    closing.current = tab?.id ?? null
    savedCurrent.current = false
    if (tab) void saving.save(tab)
  }

  const close = (ids: string[]) => ids.length > 0 && dispatch({ type: 'close-many', tabIds: ids })

  const request = (ids: string[]) => {
    const tabs = workspace.tabs.filter((tab) => ids.includes(tab.id))
    close(tabs.filter((tab) => !tab.isDirty).map((tab) => tab.id))
    const dirty = tabs.filter((tab) => tab.isDirty)
    if (dirty.length > 0) setAsking(dirty)
  }

  const saveAll = async () => {
    const tabs = asking ?? []
    setAsking(null)
    const results = await Promise.all(
      tabs.filter(hasHome).map(async (tab) => ((await saving.save(tab)) ? tab.id : null)),
    )
    close(results.filter((id): id is string => id !== null))
    const [first, ...rest] = tabs.filter((tab) => !hasHome(tab))
    queue.current = rest
    saveAsThenClose(first)
  }

  return {
    asking,
    request,
    saveAll: () => void saveAll(),
    discard: () => {
      close((asking ?? []).map((tab) => tab.id))
      setAsking(null)
    },
    cancel: () => setAsking(null),
    /** The save-as dialog saved this tab: if it was saved to be closed, close it. */
    onSavedAs: (tabId: string) => {
      if (closing.current === tabId) savedCurrent.current = true
    },
    /** The save-as dialog closed: saved, go on to the next draft; cancelled, stop (the rest stay open). */
    onSaveAsClosed: () => {
      saving.closeSaveAs()
      const saved = closing.current !== null && savedCurrent.current
      if (saved) close([closing.current!])
      const [next, ...rest] = saved ? queue.current : []
      queue.current = rest
      saveAsThenClose(next)
    },
  }
}
