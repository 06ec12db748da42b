import type { Tab } from '@courier/shared'
import type { OpenTab, Workspace } from './workspace-reducer'

/** How many closed tabs Ctrl+Shift+T can bring back. */
export const MAX_CLOSED_TABS = 20

const isPristine = (tab: OpenTab) => tab.itemId === null && !tab.isDirty && tab.draft.spec.url === ''

const toClosed = ({ draft, ...tab }: OpenTab): Tab => ({ ...tab, draft: draft.spec })

/**
 * Closes these tabs, remembering each (draft and all, newest first) so it can be reopened; an
 * untouched blank tab is not worth remembering. The active tab, if closed, passes to the nearest
 * survivor on its right, else its left; closing every tab leaves a fresh one.
 */
export function closeTabs(state: Workspace, tabIds: string[], blank: () => OpenTab): Workspace {
  const closing = state.tabs.filter((tab) => tabIds.includes(tab.id))
  if (closing.length === 0) return state
  const tabs = state.tabs.filter((tab) => !tabIds.includes(tab.id))
  const remembered = closing
    .filter((tab) => !isPristine(tab))
    .reverse()
    .map(toClosed)
  const closedTabs = [...remembered, ...state.closedTabs].slice(0, MAX_CLOSED_TABS)
  if (tabs.length === 0) {
    const tab = blank()
    return { ...state, tabs: [tab], activeTabId: tab.id, closedTabs }
  }
  let activeTabId = state.activeTabId
  if (activeTabId === null || tabIds.includes(activeTabId)) {
    const index = state.tabs.findIndex((tab) => tab.id === state.activeTabId)
    const after = state.tabs.slice(index + 1).find((tab) => !tabIds.includes(tab.id))
    activeTabId = (after ?? tabs[tabs.length - 1]!).id
  }
  return { ...state, tabs, activeTabId, closedTabs }
}
