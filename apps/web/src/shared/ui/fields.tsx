import { useId } from 'react'
import './fields.css'

type NumberFieldProps = {
  label: string
  value: number | undefined
  onChange: (value: number) => void
  unit?: string
  min?: number
  max?: number
  step?: number
  placeholder?: string
  /** Lets the field be empty (meaning "use the default"). */
  onClear?: () => void
}

/** A labelled number input with its unit; out-of-range input is marked invalid, not clamped silently. */
export function NumberField({
  label,
  value,
  onChange,
  unit,
  min,
  max,
  step = 1,
  placeholder,
  onClear,
}: NumberFieldProps) {
  const id = useId()
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <span className="field__control">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={value ?? ''}
          min={min}
          max={max}
          step={step}
          placeholder={placeholder}
          onChange={(event) => {
            if (event.target.value === '') onClear?.()
            else if (!Number.isNaN(event.target.valueAsNumber)) onChange(event.target.valueAsNumber)
          }}
        />
        {unit ? <span className="field__unit">{unit}</span> : null}
      </span>
    </div>
  )
}

/** An on/off switch: a checkbox with role switch, labelled. */
export function Switch({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  hint?: string
}) {
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span className="switch__track" aria-hidden="true" />
      <span className="switch__label">
        {label}
        {hint ? <span className="switch__hint">{hint}</span> : null}
      </span>
    </label>
  )
}

type ChoiceProps<T extends string> = {
  label: string
  value: T
  options: { value: T; label: string }[]
  onChange: (value: T) => void
}

/** A labelled select. */
export function Choice<T extends string>({ label, value, options, onChange }: ChoiceProps<T>) {
  const id = useId()
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

const MB = 1024 * 1024

type MegabytesFieldProps = Omit<NumberFieldProps, 'value' | 'onChange' | 'unit' | 'placeholder'> & {
  /** The size in bytes; shown and typed in whole MB (units of 1024, as every size is shown). */
  bytes: number | undefined
  onChange: (bytes: number) => void
  /** Bytes to show as the placeholder (an inherited default); else `placeholder`. */
  placeholderBytes?: number
  placeholder?: string
}

/** A size limit typed in MB and kept in bytes, rounded and held within min..max MB. */
export function MegabytesField({
  bytes,
  onChange,
  placeholderBytes,
  placeholder,
  min,
  max,
  ...rest
}: MegabytesFieldProps) {
  const clamp = (mb: number) => Math.min(max ?? Infinity, Math.max(min ?? 0, Math.round(mb)))
  return (
    <NumberField
      {...rest}
      unit="MB"
      min={min}
      max={max}
      value={bytes === undefined ? undefined : Math.round(bytes / MB)}
      placeholder={placeholderBytes === undefined ? placeholder : String(Math.round(placeholderBytes / MB))}
      onChange={(mb) => onChange(clamp(mb) * MB)}
    />
  )
}
