import { useCallback, useEffect, useLayoutEffect, useRef, useState, type WheelEvent } from 'react'

/**
 * The tab strip's horizontal scrolling: the active tab is always brought into view, the wheel
 * scrolls sideways, and the arrows know whether there is more to either side.
 */
export function useStripScroll(activeTabId: string | null, activeLabel: string, tabCount: number) {
  const ref = useRef<HTMLDivElement>(null)
  const [more, setMore] = useState({ left: false, right: false })

  const measure = useCallback(() => {
    const strip = ref.current
    if (!strip) return
    const left = strip.scrollLeft > 1
    const right = strip.scrollLeft + strip.clientWidth < strip.scrollWidth - 1
    setMore((was) => (was.left === left && was.right === right ? was : { left, right }))
  }, [])

  // The arrows appearing narrow the strip, and a draft's tab widens as its URL is typed: either
  // brings the active tab into view again.
  const overflowing = more.left || more.right
  useLayoutEffect(() => {
    const strip = ref.current
    if (!strip) return
    strip
      .querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')
      ?.closest<HTMLElement>('.tab-bar__tab')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    measure()
  }, [activeTabId, activeLabel, tabCount, overflowing, measure])

  useEffect(() => {
    const strip = ref.current
    if (!strip) return
    const observer = new ResizeObserver(measure)
    observer.observe(strip)
    return () => observer.disconnect()
  }, [measure])

  const scrollBy = (direction: -1 | 1) => {
    const strip = ref.current
    if (strip) strip.scrollBy({ left: direction * strip.clientWidth * 0.8, behavior: 'smooth' })
  }

  const onWheel = (event: WheelEvent) => {
    const strip = ref.current
    // A vertical wheel turns sideways; a trackpad's own sideways swipe scrolls natively.
    if (strip && Math.abs(event.deltaY) > Math.abs(event.deltaX)) strip.scrollLeft += event.deltaY
  }

  return { ref, more, measure, scrollBy, onWheel }
}
