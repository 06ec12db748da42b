import { useState } from 'react'

type SecretInputProps = {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  id?: string
}

/** A masked field with a Show switch: secrets stay hidden on a shared screen until asked for. */
export function SecretInput({ label, value, onChange, placeholder, id }: SecretInputProps) {
  const [shown, setShown] = useState(false)
  return (
    <span className="secret-input">
      <input
        id={id}
        type={shown ? 'text' : 'password'}
        className="auth-input auth-input--mono"
        aria-label={label}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
      <button
        type="button"
        className="secret-input__toggle"
        aria-pressed={shown}
        aria-label={`Show ${label.toLowerCase()}`}
        onClick={() => setShown(!shown)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </span>
  )
}
