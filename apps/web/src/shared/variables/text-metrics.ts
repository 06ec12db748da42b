let context: CanvasRenderingContext2D | null = null

/** A measure of text as `element` draws it (its font and letter spacing; proportional fonts included). */
function measurer(element: HTMLElement): (text: string) => number {
  context ??= document.createElement('canvas').getContext('2d')
  if (!context) return () => 0
  const style = getComputedStyle(element)
  const canvas = context
  canvas.font = style.font
  canvas.letterSpacing = style.letterSpacing === 'normal' ? '0px' : style.letterSpacing
  return (text) => canvas.measureText(text).width
}

/** How wide `text` is drawn in `element`. */
export function textWidth(element: HTMLElement, text: string): number {
  return measurer(element)(text)
}

/** The index of the character drawn at `x` px from the text's start: a binary search over prefix widths. */
export function charIndexAt(element: HTMLElement, text: string, x: number): number {
  if (x <= 0) return 0
  const width = measurer(element)
  let low = 0
  let high = text.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (width(text.slice(0, middle)) <= x) low = middle
    else high = middle - 1
  }
  return low
}
