import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { rank } from './fuzzy-match'
import './command-palette.css'

export type Command = {
  id: string
  group: 'Actions' | 'Requests' | 'Environments' | 'History'
  label: string
  detail?: string
  run: () => void
}

type CommandPaletteProps = { open: boolean; commands: Command[]; onClose: () => void }

/** Ctrl+K: jump to any request, environment, history entry or action by typing a few letters. */
export function CommandPalette({ open, commands, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      setQuery('')
      setActive(0)
      element.showModal()
    }
    if (!open && element.open) element.close()
  }, [open])

  const results = useMemo(() => rank(commands, query, (c) => `${c.label} ${c.detail ?? ''}`, 60), [commands, query])

  const run = (command: Command | undefined) => {
    if (!command) return
    onClose()
    command.run()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = (active + (event.key === 'ArrowDown' ? 1 : -1) + results.length) % Math.max(1, results.length)
      setActive(next)
      document.getElementById(`${listId}-${next}`)?.scrollIntoView({ block: 'nearest' })
    } else if (event.key === 'Enter') {
      event.preventDefault()
      run(results[active])
    }
  }

  return (
    <dialog
      ref={dialog}
      className="palette"
      aria-label="Command palette"
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && onClose()}
    >
      {open ? (
        <div className="palette__frame">
          <input
            className="palette__input"
            role="combobox"
            aria-label="Search commands, requests, environments and history"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={results.length ? `${listId}-${active}` : undefined}
            placeholder="Type to jump to a request, environment, history entry or action…"
            value={query}
            autoFocus
            onChange={(event) => {
              setQuery(event.target.value)
              setActive(0)
            }}
            onKeyDown={onKeyDown}
          />
          <ul id={listId} role="listbox" aria-label="Results" className="palette__list">
            {results.map((command, index) => (
              <li
                key={command.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={`palette__item${index === active ? ' is-active' : ''}`}
                onMouseMove={() => setActive(index)}
                onClick={() => run(command)}
              >
                <span className="palette__group">{command.group}</span>
                <span className="palette__label">{command.label}</span>
                {command.detail ? <span className="palette__detail">{command.detail}</span> : null}
              </li>
            ))}
            {results.length === 0 ? <li className="palette__empty">Nothing matches “{query}”.</li> : null}
          </ul>
          <div className="palette__hint">
            <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
          </div>
        </div>
      ) : null}
    </dialog>
  )
}
