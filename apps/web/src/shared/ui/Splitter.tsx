import type { KeyboardEvent, PointerEvent } from 'react'

type SplitterProps = { label: string; value: number; onChange: (share: number) => void; min?: number; max?: number }

/** A horizontal separator the pointer drags and the arrow keys move (WAI-ARIA window splitter). */
export function Splitter({ label, value, onChange, min = 0.15, max = 0.85 }: SplitterProps) {
  const clamp = (share: number) => Math.min(max, Math.max(min, share))

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const container = event.currentTarget.parentElement!
    const bounds = container.getBoundingClientRect()
    event.currentTarget.setPointerCapture(event.pointerId)
    const move = (e: globalThis.PointerEvent) => onChange(clamp((e.clientY - bounds.top) / bounds.height))
    const up = () => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowUp' ? -0.05 : event.key === 'ArrowDown' ? 0.05 : 0
    if (step) {
      event.preventDefault()
      onChange(clamp(value + step))
    }
  }

  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={Math.round(value * 100)}
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      tabIndex={0}
      className="splitter"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  )
}
