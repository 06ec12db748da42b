import type { LineIndex } from './line-index'

/** Narrower than this the text is not wrapped further: the row scrolls sideways instead. */
export const MIN_WRAP_COLUMNS = 20
/** No row holds more than the unwrapped view's own cut (LineIndex's default), however wide the view. */
export const MAX_WRAP_COLUMNS = 4000

/** A wrap: how many columns a row has, and how many a wide character (CJK, emoji) takes in the font. */
export type WrapWidth = { columns: number; wide: number }

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff
/** East Asian wide and fullwidth blocks (Hangul, CJK, kana, fullwidth forms): two columns or more. */
const isWide = (code: number) =>
  (code >= 0x1100 && code <= 0x115f) ||
  (code >= 0x2e80 && code <= 0xa4cf) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xfe30 && code <= 0xfe4f) ||
  (code >= 0xff00 && code <= 0xff60) ||
  (code >= 0xffe0 && code <= 0xffe6)
/** What makes a line more than one column per character: tabs, wide characters, two-unit ones. */
const SPECIAL =
  /[\t\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\ud800-\udbff]/g

/** Source lines, and which of them hold a special character (so are walked, not counted). */
type SourceLines = { starts: Uint32Array; ends: Uint32Array; special: Uint8Array }

// A LineIndex's source lines are found once, then shared by every width it is wrapped at.
const sourceCache = new WeakMap<LineIndex, SourceLines>()

/** The text's own lines (a LineIndex cuts long ones into segments: they are joined again here). */
function sourceLines(index: LineIndex): SourceLines {
  const cached = sourceCache.get(index)
  if (cached) return cached
  let count = 0
  for (let row = 0; row < index.count; row++) if (index.numbers[row] !== 0) count++
  const starts = new Uint32Array(count)
  const ends = new Uint32Array(count)
  let line = -1
  for (let row = 0; row < index.count; row++) {
    if (index.numbers[row] !== 0) starts[++line] = index.starts[row]!
    ends[line] = index.ends[row]!
  }
  // One regular-expression search per special line, skipping the rest of it (about 0.35 s per 100 MB).
  const special = new Uint8Array(count)
  const search = new RegExp(SPECIAL)
  for (let match = search.exec(index.text); match !== null; match = search.exec(index.text)) {
    const line = lastAtMost(starts, match.index)
    if (match.index < ends[line]!) special[line] = 1
    search.lastIndex = Math.max(match.index + 1, ends[line]!)
  }
  const lines = { starts, ends, special }
  sourceCache.set(index, lines)
  return lines
}

/** The last i with sorted[i] <= value (0 when none is). */
function lastAtMost(sorted: ArrayLike<number>, value: number): number {
  let low = 0
  let high = sorted.length - 1
  while (low < high) {
    const mid = (low + high + 1) >>> 1
    if (sorted[mid]! <= value) low = mid
    else high = mid - 1
  }
  return Math.max(0, low)
}

/** Where an unwrapped (cut) row starts in the text, and which cut row holds a text offset. */
export const cutRows = {
  offsetOf: (index: LineIndex, row: number) => index.starts[Math.min(Math.max(0, row), index.count - 1)] ?? 0,
  rowAt: (index: LineIndex, offset: number) => lastAtMost(index.starts, offset),
}

/** How many characters fit a row: whole characters only, within the bounds above. */
export function wrapColumns(availablePx: number, charPx: number): number {
  if (!(charPx > 0) || !(availablePx > 0)) return MIN_WRAP_COLUMNS
  return Math.min(MAX_WRAP_COLUMNS, Math.max(MIN_WRAP_COLUMNS, Math.floor(availablePx / charPx)))
}

/** Tab stops every this many columns, as virtual-view.css sets `tab-size`. */
export const TAB_COLUMNS = 8

/** A growing list of row starts, for the lines that cannot be wrapped by arithmetic. */
class Offsets {
  values = new Uint32Array(1024)
  length = 0
  push(value: number) {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }
}

/**
 * A text's lines wrapped at `columns` columns, as display rows. Nothing per row is stored for a
 * line of one-column characters: each source line keeps the row it starts at (a prefix sum) and its rows are
 * `columns` characters each, so a 100 MB single line wrapped into a million rows costs two numbers
 * and a million short lines one number each. A line with tabs (a tab reaches the next tab stop) or
 * wide characters (CJK, emoji: `wide` columns) is walked once and keeps where each of its rows starts. A row is found by binary search; only the
 * rows asked for become strings.
 */
export class WrapIndex {
  private readonly lines: SourceLines
  /** firstRow[i]: the display row source line i starts on; firstRow[lineCount] is the total. */
  private readonly firstRow: Float64Array
  /** For a line with tabs, where its row starts begin in `explicit`; -1 for the others. Null: no tabs. */
  private explicitAt: Int32Array | null = null
  private readonly explicit = new Offsets()

  constructor(
    private readonly index: LineIndex,
    readonly columns: number,
    /** Columns a wide character takes (the font's own, measured by the page). */
    readonly wide = 2,
  ) {
    if (!Number.isInteger(columns) || columns < 1) throw new Error(`Cannot wrap at ${columns} columns.`)
    this.lines = sourceLines(index)
    const { starts, ends } = this.lines
    const { special } = this.lines
    this.firstRow = new Float64Array(starts.length + 1)
    let rows = 0
    for (let line = 0; line < starts.length; line++) {
      this.firstRow[line] = rows
      rows += special[line] ? this.walk(line) : Math.max(1, Math.ceil((ends[line]! - starts[line]!) / columns))
    }
    this.firstRow[starts.length] = rows
  }

  /** Cuts a line with tabs or wide characters into rows of at most `columns` columns; answers how many. */
  private walk(line: number): number {
    const text = this.index.text
    const start = this.lines.starts[line]!
    const end = this.lines.ends[line]!
    this.explicitAt ??= new Int32Array(this.lines.starts.length).fill(-1)
    this.explicitAt[line] = this.explicit.length
    this.explicit.push(start)
    let rows = 1
    let column = 0
    for (let at = start; at < end;) {
      const code = text.charCodeAt(at)
      const units = isHigh(code) && isLow(text.charCodeAt(at + 1)) ? 2 : 1
      const wide = units === 2 || isWide(code) ? this.wide : 1
      let width = code === 9 ? TAB_COLUMNS - (column % TAB_COLUMNS) : wide
      if (column > 0 && column + width > this.columns) {
        this.explicit.push(at)
        rows++
        column = 0
        width = code === 9 ? TAB_COLUMNS : wide
      }
      column += width
      at += units
    }
    return rows
  }

  /** Whether these are the rows of `index` (a filter makes a new pretty index). */
  wraps(index: LineIndex): boolean {
    return this.index === index
  }

  get count(): number {
    return this.firstRow[this.lines.starts.length]!
  }

  /** The source line a display row belongs to (0-based). */
  private lineOf(row: number): number {
    return lastAtMost(this.firstRow.subarray(0, this.lines.starts.length), row)
  }

  private rowsOf(line: number): number {
    return this.firstRow[line + 1]! - this.firstRow[line]!
  }

  /** Where row `segment` of `line` starts and stops in the text (a walked line never cuts a two-unit character). */
  private bounds(line: number, segment: number): [number, number] {
    const lineEnd = this.lines.ends[line]!
    const at = this.explicitAt?.[line] ?? -1
    if (at !== -1) {
      const last = segment + 1 >= this.rowsOf(line)
      return [this.explicit.values[at + segment]!, last ? lineEnd : this.explicit.values[at + segment + 1]!]
    }
    const start = this.lines.starts[line]! + segment * this.columns
    return [start, Math.min(lineEnd, start + this.columns)]
  }

  /** Where display row `row` starts in the text. */
  offsetOf(row: number): number {
    const clamped = Math.min(Math.max(0, row), this.count - 1)
    const line = this.lineOf(clamped)
    return this.bounds(line, clamped - this.firstRow[line]!)[0]
  }

  /** The display row that holds text offset `offset` (a line's end belongs to its last row). */
  rowAt(offset: number): number {
    const line = lastAtMost(this.lines.starts, offset)
    const rows = this.rowsOf(line)
    const at = this.explicitAt?.[line] ?? -1
    if (at !== -1) return this.firstRow[line]! + lastAtMost(this.explicit.values.subarray(at, at + rows), offset)
    const within = Math.max(0, Math.min(offset, this.lines.ends[line]!) - this.lines.starts[line]!)
    return this.firstRow[line]! + Math.min(rows - 1, Math.floor(within / this.columns))
  }

  /**
   * Display rows [from, to) as strings, with their 1-based source line numbers (0 on the rows a
   * line continues on).
   */
  slice(from: number, to: number): { text: string[]; numbers: number[] } {
    const text: string[] = []
    const numbers: number[] = []
    const end = Math.min(to, this.count)
    let row = Math.max(0, from)
    if (row >= end) return { text, numbers }
    for (let line = this.lineOf(row); row < end; line++) {
      for (let segment = row - this.firstRow[line]!; row < end && row < this.firstRow[line + 1]!; segment++, row++) {
        const [start, stop] = this.bounds(line, segment)
        text.push(this.index.text.slice(start, stop))
        numbers.push(segment === 0 ? line + 1 : 0)
      }
    }
    return { text, numbers }
  }
}
