import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { BodyClient } from './body-client'
import type { LineView } from './body-document'
import { useRemoteBlocks } from './use-remote-blocks'

const ROW_HEIGHT = 20

type Line = { text: string; number: number }

/**
 * Text of any size as a virtual list of lines: only the rows on screen exist in the DOM, and
 * they come from the worker a block at a time.
 */
export function LinesView({ client, view, count, version, label }: { client: BodyClient; view: LineView; count: number; version: unknown; label: string }) {
  const scroller = useRef<HTMLDivElement>(null)
  const blocks = useRemoteBlocks<Line>(
    (from, to) => client.call('lines', { view, from, to }).then(({ text, numbers }) => text.map((line, i) => ({ text: line, number: numbers[i]! }))),
    `${view}:${String(version)}`,
  )
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 30 })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0

  useEffect(() => {
    if (count > 0) blocks.want(first, last + 1)
  }, [blocks, first, last, count, view, version])

  const gutter = `${String(count).length + 1}ch`
  return (
    <div ref={scroller} className="lines-view" role="region" aria-label={label} tabIndex={0}>
      <div className="lines-view__sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const line = blocks.get(item.index)
          return (
            <div key={item.key} className="lines-view__row" style={{ transform: `translateY(${item.start}px)` }}>
              <span className="lines-view__number" style={{ width: gutter }} aria-hidden="true">
                {line ? (line.number === 0 ? '↪' : line.number) : ''}
              </span>
              <span className="lines-view__text">{line ? line.text : ' '}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
}
