import type { ReactNode } from 'react'
import { Tabs } from '../shared/ui/Tabs'
import './sidebar.css'

export type SidebarView = 'collections' | 'history'

/** Collections and History share the sidebar; one shows at a time. */
export function Sidebar({
  view,
  onView,
  collections,
  history,
}: {
  view: SidebarView
  onView: (view: SidebarView) => void
  collections: ReactNode
  history: ReactNode
}) {
  return (
    <aside className="sidebar">
      <Tabs<SidebarView>
        label="Sidebar"
        size="small"
        selected={view}
        onSelect={onView}
        tabs={[
          { id: 'collections', label: 'Collections' },
          { id: 'history', label: 'History' },
        ]}
      />
      <div className="sidebar__body">{view === 'collections' ? collections : history}</div>
    </aside>
  )
}
