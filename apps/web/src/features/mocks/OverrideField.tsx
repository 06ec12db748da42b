import { useEffect, useState } from 'react'
import { overrideOf } from './route-choices'

type OverrideFieldProps = {
  label: string
  value: number | null
  min: number
  max: number
  placeholder: string
  onCommit: (value: number | null) => void
}

/** A number override applied on Enter or when focus leaves; empty means "as the example says". */
export function OverrideField({ label, value, min, max, placeholder, onCommit }: OverrideFieldProps) {
  const [text, setText] = useState(value === null ? '' : String(value))
  useEffect(() => setText(value === null ? '' : String(value)), [value])
  const parsed = overrideOf(text, min, max)
  const problem = 'problem' in parsed ? parsed.problem : null
  const commit = () => {
    if ('value' in parsed && parsed.value !== value) onCommit(parsed.value)
  }
  return (
    <input
      type="number"
      className="mock-routes__number"
      aria-label={label}
      aria-invalid={problem ? true : undefined}
      title={problem ?? undefined}
      value={text}
      min={min}
      max={max}
      placeholder={placeholder}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit()
      }}
    />
  )
}
