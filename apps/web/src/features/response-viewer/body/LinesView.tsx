import { useEffect, useRef } from 'react'
import type { BodyClient } from './body-client'
import type { LineView } from './body-document'
import { jsonLineTokens } from './json-line-tokens'
import { useBlockVirtualizer } from './use-block-virtualizer'
import { useRemoteBlocks } from './use-remote-blocks'
import './virtual-view.css'
import './lines-view.css'

const ROW_HEIGHT = 20

type Line = { text: string; number: number }

/**
 * Text of any size as a virtual list of lines: only the rows on screen exist in the DOM, and
 * they come from the worker a block at a time.
 */
function ColouredJson({ text }: { text: string }) {
  return (
    <>
      {jsonLineTokens(text).map(([kind, piece], index) =>
        kind === 'plain' ? (
          piece
        ) : (
          <span key={index} className={`json-${kind}`}>
            {piece}
          </span>
        ),
      )}
    </>
  )
}

type LinesViewProps = {
  client: BodyClient
  view: LineView
  count: number
  version: unknown
  label: string
  json?: boolean
}

export function LinesView({ client, view, count, version, label, json = false }: LinesViewProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const lines = useRemoteBlocks<Line>(
    (from, to) =>
      client
        .call('lines', { view, from, to })
        .then(({ text, numbers }) => text.map((line, i) => ({ text: line, number: numbers[i]! }))),
    `${view}:${String(version)}`,
  )
  const { items, height, first, last } = useBlockVirtualizer(count, ROW_HEIGHT, scroller)

  useEffect(() => {
    if (count > 0) lines.want(first, last)
  }, [lines, first, last, count, view, version])

  const gutter = `${String(count).length + 1}ch`
  return (
    <div ref={scroller} className="lines-view" role="region" aria-label={label} tabIndex={0}>
      <div className="lines-view__sizer" style={{ height }}>
        {items.map((block) => (
          <div key={block.key} className="lines-view__block" style={{ transform: `translateY(${block.top}px)` }}>
            {Array.from({ length: block.rowCount }, (_, offset) => {
              const line = lines.get(block.firstRow + offset)
              return (
                <div key={offset} className="lines-view__row">
                  <span className="lines-view__number" style={{ width: gutter }} aria-hidden="true">
                    {line ? (line.number === 0 ? '↪' : line.number) : ''}
                  </span>
                  <span className="lines-view__text">
                    {line ? json ? <ColouredJson text={line.text} /> : line.text : ' '}
                  </span>
                </div>
              )
            })}
          </div>
        ))}
      </div>
    </div>
  )
}
