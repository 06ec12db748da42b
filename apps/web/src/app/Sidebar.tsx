import type { ReactNode } from 'react'
import { Splitter } from '../shared/ui/Splitter'
import { Tabs } from '../shared/ui/Tabs'
import { SIDEBAR_MAX, SIDEBAR_MIN, type SidebarLayout, type SidebarView } from './use-sidebar-layout'
import './sidebar.css'

export type { SidebarView }

/** Collections, History and the Trash share the sidebar; one shows at a time. It resizes, and collapses to a rail (Ctrl+\). */
export function Sidebar({
  layout,
  collections,
  history,
  trash,
}: {
  layout: SidebarLayout
  collections: ReactNode
  history: ReactNode
  trash: ReactNode
}) {
  if (layout.collapsed)
    return (
      <aside className="sidebar sidebar--collapsed" aria-label="Sidebar">
        <button
          type="button"
          className="icon-button sidebar__toggle"
          aria-label="Expand sidebar"
          aria-expanded={false}
          title="Expand sidebar (Ctrl+\)"
          onClick={layout.toggle}
        >
          »
        </button>
      </aside>
    )
  return (
    <>
      <aside className="sidebar" aria-label="Sidebar">
        <Tabs<SidebarView>
          label="Sidebar"
          size="small"
          selected={layout.view}
          onSelect={layout.setView}
          tabs={[
            { id: 'collections', label: 'Collections' },
            { id: 'history', label: 'History' },
            { id: 'trash', label: 'Trash' },
          ]}
          trailing={
            <button
              type="button"
              className="icon-button sidebar__toggle"
              aria-label="Collapse sidebar"
              aria-expanded={true}
              title="Collapse sidebar (Ctrl+\)"
              onClick={layout.toggle}
            >
              «
            </button>
          }
        />
        <div className="sidebar__body">
          {layout.view === 'collections' ? collections : layout.view === 'history' ? history : trash}
        </div>
      </aside>
      <Splitter
        label="Resize sidebar"
        orientation="vertical"
        value={layout.share}
        onChange={layout.setShare}
        min={SIDEBAR_MIN}
        max={SIDEBAR_MAX}
      />
    </>
  )
}
