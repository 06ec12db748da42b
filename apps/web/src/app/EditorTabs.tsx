import type { Dispatch } from 'react'
import { SaveRequestDialog } from '../features/collections'
import { TabBar, type Workspace, type WorkspaceAction } from '../features/workspace'
import { CloseUnsavedDialog } from './CloseUnsavedDialog'
import type { useCloseTabs } from './use-close-tabs'
import type { useSaveTab } from './use-save-tab'

type EditorTabsProps = {
  workspace: Workspace
  dispatch: Dispatch<WorkspaceAction>
  saving: ReturnType<typeof useSaveTab>
  closing: ReturnType<typeof useCloseTabs>
  /** Shows a request just saved in the collections tree. */
  reveal: (itemId: string) => void
  /** A note by tab id, such as "Changed by Ann" (features/live). */
  notes?: Record<string, string>
}

/** The tab strip with its close-unsaved question and the save-to-collection dialog of a draft. */
export function EditorTabs({ workspace, dispatch, saving, closing, reveal, notes }: EditorTabsProps) {
  return (
    <>
      <TabBar
        tabs={workspace.tabs}
        activeTabId={workspace.activeTabId}
        closedCount={workspace.closedTabs.length}
        notes={notes}
        onActivate={(tabId) => dispatch({ type: 'activate', tabId })}
        onClose={closing.request}
        onReopen={() => dispatch({ type: 'reopen-closed' })}
        onNew={() => dispatch({ type: 'new-tab' })}
        onReorder={(tabId, toIndex) => dispatch({ type: 'reorder', tabId, toIndex })}
      />
      <CloseUnsavedDialog
        tabs={closing.asking}
        onSave={closing.saveAll}
        onDiscard={closing.discard}
        onCancel={closing.cancel}
      />
      {saving.saveAs ? (
        <SaveRequestDialog
          key={saving.saveAs.id}
          open
          request={saving.saveAs.draft.spec}
          suggestedName={saving.saveAs.title}
          onClose={closing.onSaveAsClosed}
          onSaved={(item) => {
            if (!saving.saveAs) return
            reveal(item.id)
            dispatch({
              type: 'saved',
              tabId: saving.saveAs.id,
              itemId: item.id,
              version: item.version,
              title: item.name,
            })
            closing.onSavedAs(saving.saveAs.id)
          }}
        />
      ) : null}
    </>
  )
}
