import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState, type Dispatch } from 'react'
import { isRequestSave, type KeptChange, type KeptSave, type Outbox } from '../features/outbox'
import { replaySettings } from './replay-settings'
import type { Workspace, WorkspaceAction } from '../features/workspace'
import type { useSaveTab } from './use-save-tab'

/** While changes wait because the network is down, the page tries again this often (and at once when the browser is back online). */
const OFFLINE_RETRY_MS = 5000

/**
 * Replays the kept changes, oldest first, one at a time. At load (the person has just signed in
 * again, or reopened the page) each kept edit is first put back into its tab, so it shows before
 * and whatever the server says. Each replay goes with the version the edit was made on: the
 * server merges field by field, and a real conflict opens the conflict dialog; the next change
 * waits until that dialog is closed. A change that still cannot reach the server stays kept.
 * Saves of the Environments and Settings dialogs go the same way, without a tab (see replaySettings).
 */
export function useOutboxReplay(
  outbox: Outbox | null,
  kept: readonly KeptSave[],
  workspace: Workspace,
  dispatch: Dispatch<WorkspaceAction>,
  saving: ReturnType<typeof useSaveTab>,
) {
  const [shown, setShown] = useState<Outbox | null>(null)
  const [armed, setArmed] = useState(true)
  const [round, setRound] = useState(0)
  const busy = useRef(false)
  const queryClient = useQueryClient()

  useEffect(() => {
    if (!workspace.loaded || !outbox || shown === outbox) return
    for (const change of outbox.get().filter(isRequestSave))
      dispatch({ type: 'restore-kept', request: asRequest(change) })
    setShown(outbox)
    setArmed(true)
  }, [workspace.loaded, outbox, shown, dispatch])

  useEffect(() => {
    const online = () => setArmed(true)
    window.addEventListener('online', online)
    return () => window.removeEventListener('online', online)
  }, [])

  const waitingForNetwork = kept.some((change) => change.reason === 'offline')
  useEffect(() => {
    if (!waitingForNetwork) return
    const timer = setInterval(() => setArmed(true), OFFLINE_RETRY_MS)
    return () => clearInterval(timer)
  }, [waitingForNetwork])

  const { conflict, replay } = saving
  useEffect(() => {
    if (!armed || busy.current || !outbox || shown !== outbox || conflict) return
    // A settings save that met a conflict waits for the person's choice in its dialog.
    const next = kept.find((change) => isRequestSave(change) || !change.conflicts)
    if (!next) {
      setArmed(false)
      return
    }
    const done = (outcome: string) => {
      busy.current = false
      if (outcome === 'kept') setArmed(false)
      else setRound((n) => n + 1)
    }
    if (!isRequestSave(next)) {
      busy.current = true
      void replaySettings(next, outbox, queryClient).then(done)
      return
    }
    const tab = workspace.tabs.find((t) => t.itemId === next.itemId)
    if (!tab) {
      // Its tab was closed meanwhile: open it again with the kept edit, then replay on the next pass.
      dispatch({ type: 'restore-kept', request: asRequest(next) })
      return
    }
    busy.current = true
    void replay(tab, next).then(done)
  }, [armed, round, kept, outbox, shown, conflict, workspace.tabs, dispatch, replay, queryClient])

  return { retry: useCallback(() => setArmed(true), []) }
}

const asRequest = (change: KeptChange) => ({
  itemId: change.itemId,
  title: change.title,
  spec: change.spec,
  baseVersion: change.baseVersion,
})
