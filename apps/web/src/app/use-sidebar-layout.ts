import { useState } from 'react'
import { parseBoolean, parseNumber, useStoredState } from '../shared/ui/use-stored-state'

export type SidebarView = 'collections' | 'history' | 'trash'

/** The sidebar's share of the window's width: from a narrow list to half the window. */
export const SIDEBAR_MIN = 0.12
export const SIDEBAR_MAX = 0.5

/** What the sidebar shows, how wide it is and whether it is collapsed; width and collapse persist in this browser. */
export function useSidebarLayout() {
  const [view, setView] = useState<SidebarView>('collections')
  // A request just saved: the tree opens its folders and selects it (a new object each save, so saving again reveals again).
  const [revealed, setRevealed] = useState<{ id: string } | null>(null)
  const [share, setShare] = useStoredState('courier.sidebar.share', 0.22, (raw) => {
    const share = parseNumber(raw)
    return share === undefined ? undefined : Math.min(SIDEBAR_MAX, Math.max(SIDEBAR_MIN, share))
  })
  const [collapsed, setCollapsed] = useStoredState('courier.sidebar.collapsed', false, parseBoolean)
  return {
    view,
    setView,
    share,
    setShare,
    collapsed,
    toggle: () => setCollapsed((current) => !current),
    /** Show one view, opening a collapsed sidebar to do it. */
    show: (next: SidebarView) => (setView(next), setCollapsed(false)),
    revealed,
    /** After a save: show Collections with the request revealed (a collapsed sidebar stays collapsed). */
    reveal: (id: string) => (setView('collections'), setRevealed({ id })),
    /** The workspace grid: sidebar, splitter, editor as whole-number fr (see the editor/response split in App). */
    columns: collapsed
      ? 'auto minmax(0, 1fr)'
      : `minmax(180px, ${Math.round(share * 1000)}fr) auto minmax(420px, ${Math.round((1 - share) * 1000)}fr)`,
  }
}

export type SidebarLayout = ReturnType<typeof useSidebarLayout>
