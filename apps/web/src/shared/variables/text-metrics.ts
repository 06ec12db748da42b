let context: CanvasRenderingContext2D | null = null

/** How wide `text` is drawn in `element`'s font (proportional fonts included). */
export function textWidth(element: HTMLElement, text: string): number {
  context ??= document.createElement('canvas').getContext('2d')
  if (!context) return 0
  const style = getComputedStyle(element)
  context.font = style.font
  context.letterSpacing = style.letterSpacing === 'normal' ? '0px' : style.letterSpacing
  return context.measureText(text).width
}

/** The index of the character drawn at `x` px from the text's start: a binary search over prefix widths. */
export function charIndexAt(element: HTMLElement, text: string, x: number): number {
  if (x <= 0) return 0
  let low = 0
  let high = text.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (textWidth(element, text.slice(0, middle)) <= x) low = middle
    else high = middle - 1
  }
  return low
}
