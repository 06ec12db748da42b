import { useEffect, useMemo, useRef } from 'react'
import type { BodyClient } from './body-client'
import type { LineView } from './body-document'
import { selectedRowsText } from './copy-rows'
import { jsonLineTokens } from './json-line-tokens'
import { useBlockVirtualizer } from './use-block-virtualizer'
import { useRemoteBlocks } from './use-remote-blocks'
import { PROBE_CHARS, PROBE_WIDE, useWrapColumns } from './use-wrap-columns'
import { useWrapLayout } from './use-wrap-layout'
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
  /** Long lines wrap at the view's width instead of running off to the right. */
  wrap?: boolean
}

export function LinesView({ client, view, count, version, label, json = false, wrap = false }: LinesViewProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const probeRow = useRef<HTMLDivElement>(null)
  const probeChars = useRef<HTMLSpanElement>(null)
  const probeWide = useRef<HTMLSpanElement>(null)
  // The layout asks the virtualizer (made below, for the layout's rows) where the view is.
  const virtual = useRef<{ topRow: () => number; scrollToRow: (row: number) => void } | null>(null)
  const layout = useWrapLayout({
    client,
    view,
    version,
    count,
    width: useWrapColumns(scroller, { row: probeRow, chars: probeChars, wide: probeWide }, wrap),
    topRow: () => virtual.current?.topRow() ?? 0,
    scrollToRow: (row) => virtual.current?.scrollToRow(row),
  })
  const { width, rows } = layout
  // A new identity whenever the rows change: another body, a filter, another width.
  const resetKey = useMemo(() => ({ view, version, width }), [view, version, width])
  const lines = useRemoteBlocks<Line>(
    (from, to) =>
      client
        .call('lines', { view, from, to, ...(width ? { wrap: width } : {}) })
        .then(({ text, numbers }) => text.map((line, i) => ({ text: line, number: numbers[i]! }))),
    resetKey,
  )
  const virtualizer = useBlockVirtualizer(rows, ROW_HEIGHT, scroller)
  virtual.current = virtualizer
  const { items, height, first, last } = virtualizer

  useEffect(() => {
    if (rows > 0) lines.want(first, last)
  }, [lines, first, last, rows, resetKey])

  // Sized for the count of unwrapped rows in both modes, so wrapping does not move the text sideways.
  const gutter = `${String(count).length + 1}ch`
  // A row a line continues on: ↪ where the unwrapped view had to cut a very long line, blank when wrapped.
  const continued = width ? '' : '↪'
  return (
    <div
      ref={scroller}
      className={`lines-view${wrap ? ' lines-view--wrap' : ''}`}
      role="region"
      aria-label={label}
      tabIndex={0}
      onCopy={(event) => {
        const text = selectedRowsText(event.currentTarget, window.getSelection())
        if (text === null) return
        event.clipboardData.setData('text/plain', text)
        event.preventDefault()
      }}
    >
      {wrap ? (
        <div className="lines-view__probe" aria-hidden="true">
          <div ref={probeRow} className="lines-view__row">
            <span className="lines-view__number" style={{ width: gutter }} />
            <span className="lines-view__text">
              <span ref={probeChars}>{'0'.repeat(PROBE_CHARS)}</span>
              <span ref={probeWide}>{PROBE_WIDE}</span>
            </span>
          </div>
        </div>
      ) : null}
      <div className="lines-view__sizer" style={{ height }}>
        {items.map((block) => (
          <div key={block.key} className="lines-view__block" style={{ transform: `translateY(${block.top}px)` }}>
            {Array.from({ length: block.rowCount }, (_, offset) => {
              const line = lines.get(block.firstRow + offset)
              return (
                <div key={offset} className="lines-view__row" data-continues={line?.number === 0 ? '' : undefined}>
                  <span className="lines-view__number" style={{ width: gutter }} aria-hidden="true">
                    {line ? (line.number === 0 ? continued : line.number) : ''}
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
