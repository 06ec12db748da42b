import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type RefObject } from 'react'

/** Rows per virtual item: the virtualizer measures blocks, not millions of rows. */
export const BLOCK_ROWS = 50
/** Browsers cap an element's height (Chromium near 33.5 M px); stay well under it and scale. */
const MAX_SCROLL_PX = 8_000_000

export type RowBlock = { key: number | string | bigint; firstRow: number; rowCount: number; top: number }

/**
 * A virtual list of fixed-height rows that stays cheap and reachable at any count: react-virtual
 * lays out blocks of BLOCK_ROWS rows (so its per-item bookkeeping is 50× smaller), and past
 * MAX_SCROLL_PX the scrollbar is scaled, so row 5 000 000 is as reachable as row 50.
 */
export function useBlockVirtualizer(count: number, rowHeight: number, scroller: RefObject<HTMLElement | null>) {
  const blockHeight = BLOCK_ROWS * rowHeight
  const blocks = Math.ceil(count / BLOCK_ROWS)
  const realTotal = count * rowHeight
  const sizer = Math.min(realTotal, MAX_SCROLL_PX)
  const viewport = scroller.current?.clientHeight ?? 0
  // Virtual px per real scroll px; 1 for anything under the cap.
  const scale = realTotal > MAX_SCROLL_PX && sizer > viewport ? (realTotal - viewport) / (sizer - viewport) : 1
  // The virtualizer subscribes to scrolling once; it reads the current scale through this ref.
  const scaleRef = useRef(scale)
  scaleRef.current = scale

  const virtualizer = useVirtualizer({
    count: blocks,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (index === blocks - 1 ? (count - index * BLOCK_ROWS) * rowHeight : blockHeight),
    overscan: 1,
    observeElementOffset: (instance, callback) =>
      observeElementOffset(instance, (offset, isScrolling) => callback(offset * scaleRef.current, isScrolling)),
  })

  const virtualOffset = virtualizer.scrollOffset ?? 0
  // Where virtual y lands inside the (shorter) real sizer, relative to what is on screen.
  const shift = virtualOffset - virtualOffset / scale
  const items: RowBlock[] = virtualizer.getVirtualItems().map((item) => ({
    key: item.key,
    firstRow: item.index * BLOCK_ROWS,
    rowCount: Math.min(BLOCK_ROWS, count - item.index * BLOCK_ROWS),
    top: item.start - shift,
  }))
  const first = items[0]?.firstRow ?? 0
  const last = items.length ? items.at(-1)!.firstRow + items.at(-1)!.rowCount : 0
  /** The row at the top of the view now. */
  const topRow = () => Math.floor(((scroller.current?.scrollTop ?? 0) * scaleRef.current) / rowHeight)
  /** Puts `row` at the top of the view (after a render that laid out the rows it is counted in). */
  const scrollToRow = (row: number) => {
    if (scroller.current) scroller.current.scrollTop = (row * rowHeight) / scaleRef.current
  }
  return { items, height: sizer, first, last, topRow, scrollToRow }
}
