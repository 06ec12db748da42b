import type { HistorySummary } from '@courier/shared'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type KeyboardEvent } from 'react'
import { formatBytes, formatDuration, statusClass } from '../../shared/format/format'
import { methodTone } from '../../shared/format/method-tone'
import { pathOf } from './capture-filters'

const ROW_HEIGHT = 30

/** 14:03:22 on a 24-hour clock: the column stays narrow and aligned. */
const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, {
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })

type CapturedTableProps = {
  items: readonly HistorySummary[]
  selectedId: string | null
  onSelect: (item: HistorySummary) => void
  /** Beside an open exchange: Size and Mount are left out so the path keeps its room. */
  compact?: boolean
}

/** The captured exchanges, newest first, virtualised: only the rows in view are in the page. */
export function CapturedTable({ items, selectedId, onSelect, compact = false }: CapturedTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    if (!items.length) return
    event.preventDefault()
    const index = items.findIndex((item) => item.id === selectedId)
    const next = Math.min(items.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))
    onSelect(items[next]!)
    virtualizer.scrollToIndex(next)
  }

  return (
    <div
      className={`captured${compact ? ' captured--compact' : ''}`}
      role="grid"
      aria-label="Captured exchanges"
      aria-rowcount={items.length + 1}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="captured__head">
        <div role="row" className="captured__row captured__row--head" aria-rowindex={1}>
          {['Method', 'Path', 'Status', 'Duration', 'Size', 'Mount', 'Time'].map((name) => (
            <span key={name} role="columnheader" className={`captured__col-${name.toLowerCase()}`}>
              {name}
            </span>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="captured__scroll" role="rowgroup">
        <div className="captured__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!
            const selected = item.id === selectedId
            const tone = item.status === null ? 'failed' : statusClass(item.status)
            return (
              <div
                key={item.id}
                role="row"
                aria-rowindex={row.index + 2}
                aria-selected={selected}
                className={`captured__row${selected ? ' is-selected' : ''}`}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onSelect(item)}
              >
                <span role="gridcell" className={`captured__method ${methodTone(item.method)}`}>
                  {item.method}
                </span>
                <span role="gridcell" className="captured__path" title={item.url}>
                  {pathOf(item.url)}
                </span>
                <span role="gridcell">
                  <span className={`status-pill status-pill--${tone}`}>
                    {item.status ?? (item.errorCode ? 'error' : '—')}
                  </span>
                </span>
                <span role="gridcell" className="captured__num">
                  {formatDuration(item.durationMs)}
                </span>
                <span role="gridcell" className="captured__num captured__size">
                  {formatBytes(item.size)}
                </span>
                <span role="gridcell" className="captured__mount">
                  {item.capture ?? ''}
                </span>
                <span role="gridcell" className="captured__time">
                  {clock(item.createdAt)}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
