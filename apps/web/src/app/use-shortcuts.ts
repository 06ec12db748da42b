import { useEffect, useRef } from 'react'

export type ShortcutActions = {
  send: () => void
  save: () => void
  openPalette: () => void
  newTab: () => void
  toggleSidebar: () => void
  reopenTab: () => void
}

/**
 * The app's keyboard shortcuts: Ctrl+Enter sends, Ctrl+S saves, Ctrl+K opens the palette, Ctrl+Alt+N
 * opens a tab, Ctrl+Shift+T (or Ctrl+Alt+T, where the browser keeps Ctrl+Shift+T) reopens a closed one,
 * Ctrl+\ collapses or brings back the sidebar (as in Postman).
 */
export function useShortcuts(actions: ShortcutActions) {
  // The listener reads the latest actions, so it is added once, not on every render.
  const latest = useRef(actions)
  latest.current = actions
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { send, save, openPalette, newTab, toggleSidebar, reopenTab } = latest.current
      const mod = event.ctrlKey || event.metaKey
      if (mod && event.key === 'Enter') {
        event.preventDefault()
        send()
      } else if (mod && event.key.toLowerCase() === 't' && (event.shiftKey || event.altKey)) {
        event.preventDefault()
        reopenTab()
      } else if (mod && event.key.toLowerCase() === 's') {
        event.preventDefault()
        save()
      } else if (mod && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        openPalette()
      } else if (mod && event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault()
        newTab()
      } else if (mod && event.key === '\\') {
        event.preventDefault()
        toggleSidebar()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
