import { useEffect, useRef, type KeyboardEvent } from 'react'
import './menu.css'

export type MenuItem = {
  label: string
  run: () => void
  danger?: boolean
  /** Tells apart items that may share a label (two tabs of the same name). */
  key?: string
  /** A rule above this item, between groups. */
  divider?: boolean
  /** Marks the current choice (the active tab in a tab list). */
  current?: boolean
}

/** A small action menu (WAI-ARIA menu): arrows move, Enter runs, Escape or a click outside closes. */
export function Menu({ label, items, onClose }: { label: string; items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLUListElement>(null)
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const outside = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose()
    }
    document.addEventListener('mousedown', outside)
    return () => document.removeEventListener('mousedown', outside)
  }, [onClose])
  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const index = entries.indexOf(document.activeElement as HTMLElement)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      entries[(index + (event.key === 'ArrowDown' ? 1 : -1) + entries.length) % entries.length]?.focus()
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault()
      onClose()
    }
  }
  return (
    <ul ref={ref} role="menu" aria-label={label} className="menu" onKeyDown={onKeyDown}>
      {items.map((item) => (
        <li key={item.key ?? item.label} role="none" className={item.divider ? 'menu__group' : undefined}>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-current={item.current || undefined}
            className={`menu__item${item.danger ? ' menu__item--danger' : ''}${item.current ? ' menu__item--current' : ''}`}
            onClick={() => {
              onClose()
              item.run()
            }}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  )
}
