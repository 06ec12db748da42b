import type { KeyboardEvent, PointerEvent } from 'react'

type SplitterProps = {
  label: string
  value: number
  onChange: (share: number) => void
  min?: number
  max?: number
  /** horizontal: a bar between panes one above the other; vertical: between panes side by side. */
  orientation?: 'horizontal' | 'vertical'
}

/** A separator the pointer drags and the arrow keys move (WAI-ARIA window splitter); value is the first pane's share. */
export function Splitter({
  label,
  value,
  onChange,
  min = 0.15,
  max = 0.85,
  orientation = 'horizontal',
}: SplitterProps) {
  const clamp = (share: number) => Math.min(max, Math.max(min, share))
  const vertical = orientation === 'vertical'

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const container = event.currentTarget.parentElement!
    const bounds = container.getBoundingClientRect()
    event.currentTarget.setPointerCapture(event.pointerId)
    const move = (e: globalThis.PointerEvent) =>
      onChange(clamp(vertical ? (e.clientX - bounds.left) / bounds.width : (e.clientY - bounds.top) / bounds.height))
    const up = () => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const [less, more] = vertical ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown']
    const step = event.key === less ? -0.05 : event.key === more ? 0.05 : 0
    if (step) {
      event.preventDefault()
      onChange(clamp(value + step))
    }
  }

  return (
    <div
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(value * 100)}
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      tabIndex={0}
      className={vertical ? 'splitter splitter--vertical' : 'splitter'}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  )
}
