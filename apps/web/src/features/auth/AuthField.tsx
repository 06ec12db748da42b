import { useId, type ReactNode } from 'react'

/** A labelled row of the auth forms; the label focuses the control it names. */
export function AuthField({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: ReactNode }) {
  const id = useId()
  return (
    <div className="auth-field">
      <label className="auth-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="auth-field__control">
        {children(id)}
        {hint ? <p className="hint">{hint}</p> : null}
      </div>
    </div>
  )
}

type TextInputProps = { id?: string; label: string; value: string; onChange: (value: string) => void; placeholder?: string; mono?: boolean }

export function TextInput({ id, label, value, onChange, placeholder, mono = false }: TextInputProps) {
  return (
    <input
      id={id}
      type="text"
      className={`auth-input${mono ? ' auth-input--mono' : ''}`}
      aria-label={label}
      value={value}
      placeholder={placeholder}
      spellCheck={false}
      autoComplete="off"
      onChange={(event) => onChange(event.target.value)}
    />
  )
}
