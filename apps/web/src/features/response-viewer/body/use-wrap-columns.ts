import { useLayoutEffect, useState, type RefObject } from 'react'
import { wrapColumns, type WrapWidth } from './wrap-index'

/** How many characters the probe holds: enough that rounding of one character's width does not matter. */
export const PROBE_CHARS = 100
/** Wide characters the probe holds, to learn how many columns one takes in the fonts this page has. */
export const PROBE_WIDE = '中中中中中😀😀😀😀😀'

/** Columns a wide character takes: its width in characters, a tenth of a column's slack, 1 to 4. */
export function wideColumns(widePx: number, charPx: number): number {
  if (!(charPx > 0) || !(widePx > 0)) return 2
  return Math.min(4, Math.max(1, Math.ceil(widePx / charPx - 0.1)))
}

type Probe = {
  row: RefObject<HTMLElement | null>
  chars: RefObject<HTMLElement | null>
  wide: RefObject<HTMLElement | null>
}

/**
 * How the view's text fits a row, while `enabled`: how many characters of its monospace font, and
 * how many columns a wide character takes. Measured from a hidden probe row (gutter, paddings,
 * PROBE_CHARS characters, a few wide ones, styled like every row) against the scroller's width,
 * again whenever either changes size (a resize, the sidebar, a font arriving).
 */
export function useWrapColumns(
  scroller: RefObject<HTMLElement | null>,
  probe: Probe,
  enabled: boolean,
): WrapWidth | null {
  const [width, setWidth] = useState<WrapWidth | null>(null)
  const { row: probeRow, chars: probeChars, wide: probeWide } = probe

  useLayoutEffect(() => {
    const box = scroller.current
    const row = probeRow.current
    const chars = probeChars.current
    const wide = probeWide.current
    if (!enabled || !box || !row || !chars || !wide) {
      setWidth(null)
      return
    }
    const measure = () => {
      const charsPx = chars.getBoundingClientRect().width
      const widePx = wide.getBoundingClientRect().width
      const charPx = charsPx / PROBE_CHARS
      // One pixel spare: widths are fractional, clientWidth is rounded.
      const columns = wrapColumns(box.clientWidth - (row.getBoundingClientRect().width - charsPx - widePx) - 1, charPx)
      const wideCols = wideColumns(widePx / [...PROBE_WIDE].length, charPx)
      setWidth((kept) => (kept?.columns === columns && kept.wide === wideCols ? kept : { columns, wide: wideCols }))
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    observer.observe(row)
    return () => observer.disconnect()
  }, [scroller, probeRow, probeChars, probeWide, enabled])

  return width
}
