import { useId, type ReactNode } from 'react'
import { VariableInput } from '../../shared/variables/VariableInput'

/** A labelled row of the auth forms; the label focuses the control it names. */
export function AuthField({
  label,
  children,
  hint,
}: {
  label: string
  children: (id: string) => ReactNode
  hint?: ReactNode
}) {
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

type TextInputProps = {
  id?: string
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  mono?: boolean
}

/** A one-line auth value; `{{variables}}` in it are coloured and explained as in the URL. */
export function TextInput({ id, label, value, onChange, placeholder, mono = false }: TextInputProps) {
  return (
    <VariableInput
      id={id}
      wrapperClassName="auth-input-wrap"
      className={`auth-input${mono ? ' auth-input--mono' : ''}`}
      aria-label={label}
      value={value}
      placeholder={placeholder}
      spellCheck={false}
      autoComplete="off"
      onChange={onChange}
    />
  )
}
