import { REALTIME_BADGES } from '@courier/shared'
import type { MenuItem } from '../../shared/ui/Menu'
import { tabLabel } from './tab-label'
import type { OpenTab } from './workspace-reducer'

export type TabCommands = {
  /** Closes these tabs; any with unsaved changes are asked about first. */
  close: (ids: string[]) => void
  reopen: () => void
  activate: (id: string) => void
  closedCount: number
}

/** A tab's accessible, menu-ready name: method, name or path, and whether it has unsaved changes. */
/** A tab's accessible name: a realtime request says its kind (WS, SIO…) where an HTTP one says its method. */
export const tabName = (tab: OpenTab) => {
  const { realtime, method } = tab.draft.spec
  return `${realtime ? REALTIME_BADGES[realtime.kind] : method} ${tabLabel(tab)}${tab.isDirty ? ' (unsaved)' : ''}`
}

const reopenItem = (commands: TabCommands): MenuItem[] =>
  commands.closedCount > 0 ? [{ label: 'Reopen closed tab', run: commands.reopen, divider: true }] : []

const bulkItems = (tabs: OpenTab[], commands: TabCommands, divider: boolean): MenuItem[] => [
  {
    label: 'Close saved tabs',
    run: () => commands.close(tabs.filter((t) => !t.isDirty).map((t) => t.id)),
    divider,
  },
  { label: 'Close all tabs', run: () => commands.close(tabs.map((t) => t.id)) },
]

/** The right-click (or Shift+F10) menu of one tab. */
export function tabContextItems(tab: OpenTab, tabs: OpenTab[], commands: TabCommands): MenuItem[] {
  const index = tabs.findIndex((t) => t.id === tab.id)
  return [
    { label: 'Close', run: () => commands.close([tab.id]) },
    { label: 'Close others', run: () => commands.close(tabs.filter((t) => t.id !== tab.id).map((t) => t.id)) },
    { label: 'Close tabs to the right', run: () => commands.close(tabs.slice(index + 1).map((t) => t.id)) },
    ...bulkItems(tabs, commands, false),
    ...reopenItem(commands),
  ]
}

/** The tab list: every open tab (the active one marked), then the bulk actions. */
export function tabListItems(tabs: OpenTab[], activeTabId: string | null, commands: TabCommands): MenuItem[] {
  return [
    ...tabs.map((tab) => ({
      key: tab.id,
      label: tabName(tab),
      current: tab.id === activeTabId,
      run: () => commands.activate(tab.id),
    })),
    ...bulkItems(tabs, commands, true),
    ...reopenItem(commands),
  ]
}
