import { useState, type KeyboardEvent } from 'react'
import { methodTone } from '../../shared/format/method-tone'
import { Menu } from '../../shared/ui/Menu'
import { kindBadge } from '../realtime'
import { tabContextItems, tabListItems, tabName, type TabCommands } from './tab-commands'
import { tabLabel } from './tab-label'
import { useStripScroll } from './use-strip-scroll'
import type { OpenTab } from './workspace-reducer'
import './tab-bar.css'

type TabBarProps = {
  tabs: OpenTab[]
  activeTabId: string | null
  /** How many closed tabs can be reopened. */
  closedCount: number
  onActivate: (id: string) => void
  /** Closes these tabs; the caller asks about unsaved changes. */
  onClose: (ids: string[]) => void
  onReopen: () => void
  onNew: () => void
  onReorder: (id: string, toIndex: number) => void
  /** A note by tab id (e.g. "Changed by Ann"): shown on the tab and said in its name. */
  notes?: Record<string, string>
}

type ContextMenu = { tabId: string; x: number; y: number }

const focusTab = (id: string) => document.getElementById(`editor-tab-${id}`)?.focus()

/**
 * Open requests as tabs of a readable width: the strip scrolls (wheel, arrows) and always shows the
 * active tab; the tab list names every tab. Middle-click or × closes; right-click or Shift+F10 opens
 * Close others / Close saved / Close all; Ctrl+Shift+←/→ reorders.
 */
export function TabBar(props: TabBarProps) {
  const { tabs, activeTabId, onActivate, onClose, onNew, onReorder } = props
  const active = tabs.find((tab) => tab.id === activeTabId)
  const strip = useStripScroll(activeTabId, active ? tabLabel(active) : '', tabs.length)
  const [context, setContext] = useState<ContextMenu | null>(null)
  const [listOpen, setListOpen] = useState(false)
  const commands: TabCommands = {
    close: onClose,
    reopen: props.onReopen,
    activate: onActivate,
    closedCount: props.closedCount,
  }
  const contextTab = context ? tabs.find((tab) => tab.id === context.tabId) : undefined

  const openContext = (tabId: string, x: number, y: number) => setContext({ tabId, x, y })
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number, id: string) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault()
      const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length]!
      if (event.ctrlKey && event.shiftKey) onReorder(id, index + (event.key === 'ArrowRight' ? 1 : -1))
      else {
        onActivate(next.id)
        focusTab(next.id)
      }
    } else if (event.key === 'Delete') {
      event.preventDefault()
      onClose([id])
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault()
      const box = event.currentTarget.getBoundingClientRect()
      openContext(id, box.left, box.bottom)
    }
  }
  const showArrows = strip.more.left || strip.more.right

  return (
    <div className="tab-bar">
      {showArrows ? (
        <button
          type="button"
          className="tab-bar__arrow"
          aria-label="Scroll tabs left"
          disabled={!strip.more.left}
          onClick={() => strip.scrollBy(-1)}
        >
          ‹
        </button>
      ) : null}
      <div
        ref={strip.ref}
        role="tablist"
        aria-label="Open requests"
        className="tab-bar__list"
        onScroll={strip.measure}
        onWheel={strip.onWheel}
      >
        {tabs.map((tab, index) => (
          <div
            key={tab.id}
            className={`tab-bar__tab${tab.id === activeTabId ? ' is-active' : ''}`}
            // Middle button: keep the browser's autoscroll from starting, close on release.
            onMouseDown={(event) => event.button === 1 && event.preventDefault()}
            onAuxClick={(event) => event.button === 1 && onClose([tab.id])}
            onContextMenu={(event) => {
              event.preventDefault()
              openContext(tab.id, event.clientX, event.clientY)
            }}
          >
            <button
              type="button"
              role="tab"
              id={`editor-tab-${tab.id}`}
              aria-selected={tab.id === activeTabId}
              aria-label={props.notes?.[tab.id] ? `${tabName(tab)}, ${props.notes[tab.id]}` : tabName(tab)}
              aria-haspopup="menu"
              tabIndex={tab.id === activeTabId ? 0 : -1}
              className="tab-bar__select"
              title={`${tab.draft.spec.realtime ? kindBadge(tab.draft.spec.realtime.kind) : tab.draft.spec.method} ${tab.draft.spec.url || tabLabel(tab)}${tab.isDirty ? ' (unsaved changes)' : ''}`}
              onClick={() => onActivate(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index, tab.id)}
            >
              {tab.draft.spec.realtime ? (
                <span className="tab-bar__method tab-bar__method--realtime">
                  {kindBadge(tab.draft.spec.realtime.kind)}
                </span>
              ) : (
                <span className={`tab-bar__method ${methodTone(tab.draft.spec.method)}`}>{tab.draft.spec.method}</span>
              )}
              <span className="tab-bar__title">{tabLabel(tab)}</span>
              {props.notes?.[tab.id] ? (
                <span className="tab-bar__changed" aria-hidden="true" title={props.notes[tab.id]}>
                  !
                </span>
              ) : null}
              {tab.isDirty ? (
                <span className="tab-bar__dirty" aria-hidden="true">
                  ●
                </span>
              ) : null}
            </button>
            <button
              type="button"
              className="tab-bar__close"
              aria-label={`Close ${tabName(tab)}`}
              tabIndex={-1}
              onClick={() => onClose([tab.id])}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      {showArrows ? (
        <button
          type="button"
          className="tab-bar__arrow"
          aria-label="Scroll tabs right"
          disabled={!strip.more.right}
          onClick={() => strip.scrollBy(1)}
        >
          ›
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button tab-bar__new"
        aria-label="New request tab"
        title="New request (Ctrl+Alt+N)"
        onClick={onNew}
      >
        +
      </button>
      <div className="tab-bar__list-anchor">
        <button
          type="button"
          className="icon-button tab-bar__list-button"
          aria-label={`Tab list, ${tabs.length} open`}
          title="All open tabs"
          aria-haspopup="menu"
          aria-expanded={listOpen}
          onClick={() => setListOpen((open) => !open)}
        >
          ⌄
        </button>
        {listOpen ? (
          <Menu
            label="Open tabs"
            items={tabListItems(tabs, activeTabId, commands)}
            onClose={() => setListOpen(false)}
          />
        ) : null}
      </div>
      {context && contextTab ? (
        <div className="tab-bar__popup" style={{ left: context.x, top: context.y }}>
          <Menu
            label={`Actions for ${tabName(contextTab)}`}
            items={tabContextItems(contextTab, tabs, commands)}
            onClose={() => {
              setContext(null)
              focusTab(context.tabId)
            }}
          />
        </div>
      ) : null}
    </div>
  )
}
