import type { KeyboardEvent } from 'react'
import { methodTone } from '../../shared/format/method-tone'
import type { OpenTab } from './workspace-reducer'
import './tab-bar.css'

type TabBarProps = {
  tabs: OpenTab[]
  activeTabId: string | null
  onActivate: (id: string) => void
  onClose: (id: string) => void
  onNew: () => void
  onReorder: (id: string, toIndex: number) => void
}

/** Open requests as tabs: a dot marks unsaved changes; middle-click or × closes; Ctrl+Shift+←/→ reorders. */
export function TabBar({ tabs, activeTabId, onActivate, onClose, onNew, onReorder }: TabBarProps) {
  const onKeyDown = (event: KeyboardEvent, index: number, id: string) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault()
      const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length]!
      if (event.ctrlKey && event.shiftKey) onReorder(id, index + (event.key === 'ArrowRight' ? 1 : -1))
      else {
        onActivate(next.id)
        document.getElementById(`editor-tab-${next.id}`)?.focus()
      }
    } else if (event.key === 'Delete') {
      event.preventDefault()
      onClose(id)
    }
  }
  return (
    <div className="tab-bar">
      <div role="tablist" aria-label="Open requests" className="tab-bar__list">
        {tabs.map((tab, index) => (
          <div
            key={tab.id}
            className={`tab-bar__tab${tab.id === activeTabId ? ' is-active' : ''}`}
            onAuxClick={(event) => event.button === 1 && onClose(tab.id)}
          >
            <button
              type="button"
              role="tab"
              id={`editor-tab-${tab.id}`}
              aria-selected={tab.id === activeTabId}
              tabIndex={tab.id === activeTabId ? 0 : -1}
              className="tab-bar__select"
              title={tab.isDirty ? `${tab.title} (unsaved changes)` : tab.title}
              onClick={() => onActivate(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index, tab.id)}
            >
              <span className={`tab-bar__method ${methodTone(tab.draft.spec.method)}`}>{tab.draft.spec.method}</span>
              <span className="tab-bar__title">{tab.title}</span>
              {tab.isDirty ? (
                <span className="tab-bar__dirty" aria-label="unsaved changes">
                  ●
                </span>
              ) : null}
            </button>
            <button
              type="button"
              className="tab-bar__close"
              aria-label={`Close ${tab.title}`}
              tabIndex={-1}
              onClick={() => onClose(tab.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <button
        type="button"
        className="icon-button tab-bar__new"
        aria-label="New request tab"
        title="New request (Ctrl+Alt+N)"
        onClick={onNew}
      >
        +
      </button>
    </div>
  )
}
