import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { BodyClient } from './body-client'
import type { LineView } from './body-document'
import type { WrapWidth } from './wrap-index'

/** How a view's rows are laid out: cut (width null) or wrapped at `width`, and how many there are. */
export type RowLayout = { width: WrapWidth | null; rows: number }

const same = (a: WrapWidth | null, b: WrapWidth | null) => a === b || (a?.columns === b?.columns && a?.wide === b?.wide)

type Options = {
  client: BodyClient
  view: LineView
  /** Changes with the text (another body, a filter). */
  version: unknown
  /** The rows when cut, known without asking the worker. */
  count: number
  /** The layout wanted: null for cut, else the width to wrap at. */
  width: WrapWidth | null
  topRow: () => number
  scrollToRow: (row: number) => void
}

/**
 * The layout the view draws, following `width` as the worker counts each new one. Until it has,
 * the last layout stays (a resize does not flash other rows), and when it has, the text that was at
 * the top of the view is put back there. One count at a time is asked for: while the worker is busy
 * (a long line with tabs is walked whole), widths a resize passes through are skipped, and the
 * latest is asked for next.
 */
export function useWrapLayout({ client, view, version, count, width, topRow, scrollToRow }: Options): RowLayout {
  const [layout, setLayout] = useState<(RowLayout & { client: BodyClient; version: unknown }) | null>(null)
  const current = layout?.client === client && layout.version === version ? layout : null
  const shown: RowLayout = current ?? { width: null, rows: count }
  const shownNow = useRef(shown)
  shownNow.current = shown
  const topNow = useRef(topRow)
  topNow.current = topRow
  const wantedNow = useRef({ client, version })
  wantedNow.current = { client, version }
  const pendingTop = useRef<number | null>(null)
  const busy = useRef(false)
  // Bumped when an answer came for a body no longer shown, so the effect looks again.
  const [retry, setRetry] = useState(0)

  useEffect(() => {
    // What is drawn now: the last layout of this text, or (another text) its rows cut.
    const from = shownNow.current
    if (same(from.width, width) || busy.current) return
    busy.current = true
    client.call('relayout', { view, from: from.width, to: width, row: topNow.current() }).then(
      ({ rows, row }) => {
        busy.current = false
        const wanted = wantedNow.current
        if (wanted.client !== client || wanted.version !== version) return setRetry((n) => n + 1)
        // Laid out even when another width is wanted by now: the next count starts from this one.
        pendingTop.current = row
        setLayout({ client, version, width, rows })
      },
      () => {
        busy.current = false
      },
    )
  }, [client, view, version, width, layout, retry])

  useLayoutEffect(() => {
    if (pendingTop.current === null) return
    scrollToRow(pendingTop.current)
    pendingTop.current = null
  }, [layout, scrollToRow])

  return shown
}
