import { useEffect, useRef, useState } from 'react'
import './jsonpath-filter.css'

type JsonPathFilterProps = {
  applied: { expression: string; matches: number } | null
  onApply: (expression: string) => Promise<void>
}

/** A JSONPath (RFC 9535) box: applied as you pause typing or press Enter; Escape clears. */
export function JsonPathFilter({ applied, onApply }: JsonPathFilterProps) {
  const [text, setText] = useState(applied?.expression ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const sent = useRef(applied?.expression ?? '')

  const apply = (expression: string) => {
    clearTimeout(timer.current)
    if (expression.trim() === sent.current) return
    sent.current = expression.trim()
    setBusy(true)
    onApply(expression)
      .then(() => setError(null))
      .catch((failure: Error) => setError(failure.message))
      .finally(() => setBusy(false))
  }

  useEffect(() => () => clearTimeout(timer.current), [])

  return (
    <div className="jsonpath-filter">
      <input
        type="search"
        className="jsonpath-filter__input"
        aria-label="JSONPath filter"
        placeholder="Filter with JSONPath, e.g. $.items[?@.price > 10].name"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const next = event.target.value
          setText(next)
          clearTimeout(timer.current)
          timer.current = setTimeout(() => apply(next), 400)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply(text)
          if (event.key === 'Escape') {
            setText('')
            apply('')
          }
        }}
      />
      <span className={`jsonpath-filter__status${error ? ' is-error' : ''}`} role="status" aria-label="Filter result">
        {busy
          ? 'Filtering…'
          : error
            ? error
            : applied
              ? `${applied.matches} match${applied.matches === 1 ? '' : 'es'}`
              : ''}
      </span>
    </div>
  )
}
