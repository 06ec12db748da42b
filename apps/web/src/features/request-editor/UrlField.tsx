import { useMemo, useRef, useState, type MouseEvent } from 'react'
import { useEditorActions } from '../import-export'
import { useEditorScopes } from './scopes-context'
import { describeVariable, variableSegments, type Segment } from './variable-segments'

type UrlFieldProps = { value: string; onChange: (value: string) => void }

type Tip = { text: string; left: number; tone: string }

const charWidths = new Map<string, number>()

/** The advance of one character of a monospace font, measured once per font (pointer moves ask often). */
function charWidth(element: HTMLElement): number {
  const font = getComputedStyle(element).font
  let width = charWidths.get(font)
  if (width === undefined) {
    const canvas = document.createElement('canvas').getContext('2d')!
    canvas.font = font
    width = canvas.measureText('0000000000').width / 10
    charWidths.set(font, width)
  }
  return width
}

/**
 * The URL input with `{{variables}}` coloured in place (unknown ones underlined). Hovering a
 * variable, or putting the caret in it, says its value and where it comes from. The text is
 * monospace, so the character under the pointer is simple arithmetic.
 */
export function UrlField({ value, onChange }: UrlFieldProps) {
  const scopes = useEditorScopes()
  const actions = useEditorActions()
  const input = useRef<HTMLInputElement>(null)
  const backdrop = useRef<HTMLDivElement>(null)
  const [tip, setTip] = useState<Tip | null>(null)
  const segments = useMemo(() => variableSegments(value, scopes), [value, scopes])
  const hasVariables = segments.some((s) => s.kind === 'variable')

  const sync = () => {
    if (backdrop.current && input.current) backdrop.current.scrollLeft = input.current.scrollLeft
  }

  const tipAt = (index: number): Tip | null => {
    const segment = segments.find((s): s is Extract<Segment, { kind: 'variable' }> => s.kind === 'variable' && index >= s.start && index < s.start + s.text.length)
    if (!segment || !input.current) return null
    const padding = parseFloat(getComputedStyle(input.current).paddingLeft)
    return { text: describeVariable(segment), left: padding + segment.start * charWidth(input.current) - input.current.scrollLeft, tone: segment.state }
  }

  const onMouseMove = (event: MouseEvent<HTMLInputElement>) => {
    if (!hasVariables) return
    const element = event.currentTarget
    const padding = parseFloat(getComputedStyle(element).paddingLeft)
    const x = event.clientX - element.getBoundingClientRect().left - padding + element.scrollLeft
    setTip(tipAt(Math.floor(x / charWidth(element))))
  }

  const onCaret = () => {
    sync()
    const caret = input.current?.selectionStart
    if (!hasVariables || caret === null || caret === undefined || document.activeElement !== input.current) return
    setTip(tipAt(Math.max(0, caret - 1)) ?? tipAt(caret))
  }

  return (
    <div className={`url-field${hasVariables ? ' url-field--variables' : ''}`}>
      {hasVariables ? (
        <div ref={backdrop} className="url-field__backdrop" aria-hidden="true">
          {segments.map((segment) =>
            segment.kind === 'text' ? (
              <span key={segment.start}>{segment.text}</span>
            ) : (
              <span key={segment.start} className={`url-field__variable url-field__variable--${segment.state}`}>
                {segment.text}
              </span>
            ),
          )}
        </div>
      ) : null}
      <input
        ref={input}
        type="text"
        aria-label="Request URL"
        aria-describedby={tip ? 'url-variable-tip' : undefined}
        className="url-bar__url url-field__input"
        placeholder="https://api.example.com/users/:id?page=1"
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          onChange(event.target.value)
          requestAnimationFrame(onCaret)
        }}
        onPaste={(event) => {
          // A pasted `curl …` command fills the whole request, not just the URL.
          if (actions?.pasteCurl(event.clipboardData.getData('text'))) event.preventDefault()
        }}
        onScroll={sync}
        onKeyUp={onCaret}
        onClick={onCaret}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setTip(null)}
        onBlur={() => setTip(null)}
      />
      {tip ? (
        <div id="url-variable-tip" role="tooltip" className={`url-field__tip url-field__tip--${tip.tone}`} style={{ left: Math.max(0, tip.left) }}>
          {tip.text}
        </div>
      ) : null}
    </div>
  )
}
