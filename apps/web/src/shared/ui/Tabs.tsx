import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import './tabs.css'

export type TabItem<T extends string> = { id: T; label: string; badge?: ReactNode; hidden?: boolean }

type TabsProps<T extends string> = {
  label: string
  tabs: TabItem<T>[]
  selected: T
  onSelect: (id: T) => void
  /** Extra controls at the end of the tab row. */
  trailing?: ReactNode
  size?: 'normal' | 'small'
  /** The id of the panel that shows the selected tab; the selected tab points at it (aria-controls). */
  panelId?: string
}

/** WAI-ARIA tabs with roving focus: arrows move, Home/End jump. */
export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  trailing,
  size = 'normal',
  panelId,
}: TabsProps<T>) {
  const baseId = useId()
  const refs = useRef(new Map<T, HTMLButtonElement>())
  const visible = tabs.filter((tab) => !tab.hidden)

  const move = (event: KeyboardEvent, index: number) => {
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % visible.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + visible.length) % visible.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? visible.length - 1
              : -1
    if (next === -1) return
    event.preventDefault()
    const id = visible[next]!.id
    onSelect(id)
    refs.current.get(id)?.focus()
  }

  return (
    <div className={`tabs tabs--${size}`}>
      <div role="tablist" aria-label={label} className="tabs__list">
        {visible.map((tab, index) => (
          <button
            key={tab.id}
            ref={(node) => {
              if (node) refs.current.set(tab.id, node)
            }}
            type="button"
            role="tab"
            id={`${baseId}-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={tab.id === selected ? panelId : undefined}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
            {tab.badge !== undefined && tab.badge !== null && tab.badge !== 0 ? (
              <span className="tabs__badge" aria-hidden="true">
                {tab.badge}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      {trailing ? <div className="tabs__trailing">{trailing}</div> : null}
    </div>
  )
}
