import { useState } from 'react'
import { VariableInput } from '../../shared/variables/VariableInput'

type SecretInputProps = {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  id?: string
}

/** True when a value holds something typed, not only `{{variable}}` references. */
export function hasLiteral(value: string): boolean {
  return value.replace(/\{\{[^{}]*\}\}/g, '').trim() !== ''
}

/**
 * A password typed as a literal stays hidden until Show is pressed (a shared screen); a
 * `{{variable}}` is shown and coloured as everywhere else — a secret variable's value stays
 * masked in its tip.
 */
export function SecretInput({ label, value, onChange, placeholder, id }: SecretInputProps) {
  const [shown, setShown] = useState(false)
  const literal = hasLiteral(value)
  return (
    <span className="secret-input">
      <VariableInput
        id={id}
        masked={literal && !shown}
        wrapperClassName="auth-input-wrap"
        className="auth-input auth-input--mono"
        aria-label={label}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={onChange}
      />
      {literal ? (
        <button
          type="button"
          className="secret-input__toggle"
          aria-pressed={shown}
          aria-label={`Show ${label.toLowerCase()}`}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      ) : null}
    </span>
  )
}
