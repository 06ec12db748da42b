import { STANDARD_METHODS } from '@courier/shared'
import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { methodTone } from '../../shared/format/method-tone'

/**
 * An editable combobox (WAI-ARIA 1.2): pick a standard method or type any token (PROPFIND…).
 * The server validates; here we only keep spaces out as you type.
 */
export function MethodPicker({ value, onChange }: { value: string; onChange: (method: string) => void }) {
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const listId = useId()
  const inputRef = useRef<HTMLInputElement>(null)

  const choose = (method: string) => {
    onChange(method)
    setOpen(false)
    inputRef.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open) {
        setOpen(true)
        setActive(Math.max(0, STANDARD_METHODS.indexOf(value.toUpperCase() as (typeof STANDARD_METHODS)[number])))
        return
      }
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current) => (current + step + STANDARD_METHODS.length) % STANDARD_METHODS.length)
    } else if (event.key === 'Enter' && open) {
      event.preventDefault()
      choose(STANDARD_METHODS[active]!)
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      setOpen(false)
    }
  }

  return (
    <div className="method-picker">
      <input
        ref={inputRef}
        role="combobox"
        aria-label="Method"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        className={`method-picker__input ${methodTone(value)}`}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value.replace(/\s/g, ''))}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        // A click on the box opens the list, as a select would; typing a custom method still works.
        onClick={() => {
          if (!open)
            setActive(Math.max(0, STANDARD_METHODS.indexOf(value.toUpperCase() as (typeof STANDARD_METHODS)[number])))
          setOpen((current) => !current)
        }}
        onFocus={(event) => event.target.select()}
      />
      <button
        type="button"
        className="method-picker__toggle"
        aria-label="Show methods"
        tabIndex={-1}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          setOpen((current) => !current)
          inputRef.current?.focus()
        }}
      >
        ▾
      </button>
      {open ? (
        <ul role="listbox" id={listId} aria-label="Methods" className="method-picker__list">
          {STANDARD_METHODS.map((method, index) => (
            <li
              key={method}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={method === value}
              className={`method-picker__option ${methodTone(method)}${index === active ? ' is-active' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(method)}
              onMouseEnter={() => setActive(index)}
            >
              {method}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
