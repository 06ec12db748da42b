import type { Frame } from '@courier/shared'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { DIRECTION_ARROW, DIRECTION_LABEL, frameSize, frameSummary, frameTime, frameTypeLabel } from './frame-format'

const ROW_HEIGHT = 26

type TimelineProps = {
  frames: readonly Frame[]
  /** Indices into `frames` that pass the filter (null: all of them). */
  visible: readonly number[] | null
  /** Changes whenever frames were added (the array grows in place). */
  version: number
  selectedSeq: number | null
  onSelect: (frame: Frame) => void
}

/**
 * Every frame, one row each, virtualised: the DOM holds only the rows in view, so 100,000 frames scroll
 * as 100 do. It follows the newest frame unless the person scrolled up.
 */
export function Timeline({ frames, visible, version, selectedSeq, onSelect }: TimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const followRef = useRef(true)
  const count = visible ? visible.length : frames.length
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  useEffect(() => {
    if (followRef.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [count, version, virtualizer])

  const frameAt = (index: number) => frames[visible ? visible[index]! : index]!

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    let index = -1
    for (let i = 0; i < count && selectedSeq !== null; i++) if (frameAt(i).seq === selectedSeq) index = i
    const next = Math.min(count - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))
    if (count === 0) return
    followRef.current = false
    onSelect(frameAt(next))
    virtualizer.scrollToIndex(next)
  }

  return (
    <div
      ref={scrollRef}
      className="realtime-timeline"
      role="listbox"
      aria-label="Frames"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => {
        const el = event.currentTarget
        followRef.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT
      }}
    >
      <div className="realtime-timeline__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const frame = frameAt(item.index)
          const selected = frame.seq === selectedSeq
          return (
            <div
              key={frame.seq}
              role="option"
              aria-selected={selected}
              className={`realtime-row realtime-row--${frame.dir}${selected ? ' is-selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(frame)}
            >
              <span className="realtime-row__dir" title={DIRECTION_LABEL[frame.dir]}>
                <span aria-hidden="true">{DIRECTION_ARROW[frame.dir]}</span>
                <span className="visually-hidden">{DIRECTION_LABEL[frame.dir]}</span>
              </span>
              <span className="realtime-row__time">{frameTime(frame.at)}</span>
              <span className="realtime-row__type">{frameTypeLabel(frame)}</span>
              <span className="realtime-row__size">{frameSize(frame)}</span>
              <span className="realtime-row__data">{frameSummary(frame)}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
}
