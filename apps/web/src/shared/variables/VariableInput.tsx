import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type InputHTMLAttributes,
  type MouseEvent,
} from 'react'
import { useHighlightScopes } from './scopes-context'
import { charIndexAt, textWidth } from './text-metrics'
import { describeVariable, variableSegments, type Segment } from './variable-segments'
import './variable-input.css'

type OwnHandlers =
  'value' | 'onChange' | 'onScroll' | 'onKeyUp' | 'onClick' | 'onMouseMove' | 'onMouseLeave' | 'onBlur' | 'type'

type VariableInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, OwnHandlers> & {
  value: string
  onChange: (value: string) => void
  /** Class of the wrapper, which takes the input's place in the layout. */
  wrapperClassName?: string
  onPaste?: (event: ClipboardEvent<HTMLInputElement>) => void
  /** Drawn as a password field (a typed literal password not revealed): no colours, no tips. */
  masked?: boolean
}

type Tip = { text: string; left: number; top: number; tone: string }

/**
 * A text input with `{{variables}}` coloured in place (unknown ones underlined). Hovering a
 * variable, or putting the caret in it, says its value and where it comes from. The colours are a
 * backdrop drawn under the input's transparent text in the input's own font, so editing,
 * selection and autocomplete stay the browser's. Outside the request editor it is a plain input.
 */
export function VariableInput({
  value,
  onChange,
  wrapperClassName = '',
  className = '',
  onPaste,
  masked = false,
  ...inputProps
}: VariableInputProps) {
  const scopes = useHighlightScopes()
  const input = useRef<HTMLInputElement>(null)
  const backdrop = useRef<HTMLDivElement>(null)
  const tipId = useId()
  const [tip, setTip] = useState<Tip | null>(null)
  const segments = useMemo(
    () => (scopes && !masked && value.includes('{{') ? variableSegments(value, scopes) : null),
    [value, scopes, masked],
  )
  const active = !!segments?.some((s) => s.kind === 'variable')

  // The backdrop takes the input's typography and insets, whatever stylesheet sized the input.
  useLayoutEffect(() => {
    if (!active || !input.current || !backdrop.current) return
    const style = getComputedStyle(input.current)
    Object.assign(backdrop.current.style, {
      font: style.font,
      letterSpacing: style.letterSpacing,
      lineHeight: `${input.current.clientHeight}px`,
      paddingLeft: `${parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth)}px`,
      paddingRight: `${parseFloat(style.paddingRight) + parseFloat(style.borderRightWidth)}px`,
      paddingTop: style.borderTopWidth,
    })
    backdrop.current.scrollLeft = input.current.scrollLeft
  }, [active, value])

  // A tip is placed in the viewport; any scroll leaves it behind, so it goes.
  useLayoutEffect(() => {
    if (!tip) return
    const hide = () => setTip(null)
    window.addEventListener('scroll', hide, true)
    return () => window.removeEventListener('scroll', hide, true)
  }, [tip])

  const tipAt = (index: number): Tip | null => {
    const element = input.current
    const segment = segments?.find(
      (s): s is Extract<Segment, { kind: 'variable' }> =>
        s.kind === 'variable' && index >= s.start && index < s.start + s.text.length,
    )
    if (!segment || !element) return null
    const box = element.getBoundingClientRect()
    const inset = parseFloat(getComputedStyle(element).paddingLeft) + element.clientLeft
    const left = box.left + inset + textWidth(element, value.slice(0, segment.start)) - element.scrollLeft
    return { text: describeVariable(segment), left: Math.max(box.left, left), top: box.bottom + 6, tone: segment.state }
  }

  const onMouseMove = (event: MouseEvent<HTMLInputElement>) => {
    if (!active) return
    const element = event.currentTarget
    const inset = parseFloat(getComputedStyle(element).paddingLeft) + element.clientLeft
    const x = event.clientX - element.getBoundingClientRect().left - inset + element.scrollLeft
    setTip(tipAt(charIndexAt(element, value, x)))
  }

  const onCaret = () => {
    if (backdrop.current && input.current) backdrop.current.scrollLeft = input.current.scrollLeft
    const caret = input.current?.selectionStart
    if (!active || caret === null || caret === undefined || document.activeElement !== input.current) return
    setTip(tipAt(Math.max(0, caret - 1)) ?? tipAt(caret))
  }

  return (
    <div className={`variable-input${active ? ' variable-input--active' : ''} ${wrapperClassName}`}>
      {active ? (
        <div ref={backdrop} className="variable-input__backdrop" aria-hidden="true">
          {segments!.map((segment) =>
            segment.kind === 'text' ? (
              <span key={segment.start}>{segment.text}</span>
            ) : (
              <span
                key={segment.start}
                className={`variable-input__variable variable-input__variable--${segment.state}`}
              >
                {segment.text}
              </span>
            ),
          )}
        </div>
      ) : null}
      <input
        {...inputProps}
        ref={input}
        type={masked ? 'password' : 'text'}
        className={`variable-input__input ${className}`}
        aria-describedby={tip ? tipId : inputProps['aria-describedby']}
        value={value}
        onChange={(event) => {
          onChange(event.target.value)
          requestAnimationFrame(onCaret)
        }}
        onPaste={onPaste}
        onScroll={onCaret}
        onKeyUp={onCaret}
        onClick={onCaret}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setTip(null)}
        onBlur={() => setTip(null)}
      />
      {tip ? (
        <div
          id={tipId}
          role="tooltip"
          className={`variable-input__tip variable-input__tip--${tip.tone}`}
          style={{ left: tip.left, top: tip.top, maxWidth: `min(520px, calc(100vw - ${Math.round(tip.left) + 8}px))` }}
        >
          {tip.text}
        </div>
      ) : null}
    </div>
  )
}
