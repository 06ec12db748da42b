import { useId } from 'react'
import '../../shared/ui/form-panel.css'

type OriginsFieldProps = {
  value: string
  onChange: (text: string) => void
  placeholder?: string
  /** Who these origins are, said under the field. */
  hint?: string
}

/** The "Allowed origins" textarea of a mount or a mock: one origin per line or comma separated (parseOrigins reads it). */
export function OriginsField({ value, onChange, placeholder, hint }: OriginsFieldProps) {
  const id = useId()
  return (
    <label className="field">
      Allowed origins
      <textarea
        className="field__text form-panel__text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        rows={2}
        spellCheck={false}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
    </label>
  )
}
