/**
 * The text a selection covers in a LinesView, with its rows joined as the body has them: a row a
 * line continues on (a wrap, or the cut of a very long line) follows the one before it directly;
 * only a row that starts a line is put on a new line. The browser's own copy would put a line break
 * between every pair of rows. Null when the selection does not lie across the view's rows.
 */
export function selectedRowsText(view: HTMLElement, selection: Selection | null): string | null {
  if (!selection || selection.isCollapsed || selection.rangeCount !== 1) return null
  const range = selection.getRangeAt(0)
  if (!view.contains(range.commonAncestorContainer)) return null
  const rows = [...view.querySelectorAll<HTMLElement>('.lines-view__block .lines-view__row')].filter((row) =>
    range.intersectsNode(row),
  )
  if (rows.length < 2) return null
  let text = ''
  rows.forEach((row, index) => {
    const content = row.querySelector('.lines-view__text')
    if (!content) return
    const part = document.createRange()
    part.selectNodeContents(content)
    if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0)
      part.setStart(range.startContainer, range.startOffset)
    if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) part.setEnd(range.endContainer, range.endOffset)
    if (index > 0 && row.dataset.continues === undefined) text += '\n'
    text += part.toString()
  })
  return text
}
