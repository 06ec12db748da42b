/**
 * A text split into display lines without copying it: start/end offsets per line. Lines longer
 * than `maxLineChars` (minified JSON is one 50 MB line) are cut into segments, so no single DOM
 * row ever holds more than that.
 */
export class LineIndex {
  readonly starts: Uint32Array | number[]
  readonly ends: Uint32Array | number[]
  /** 1-based source line number of each display line; 0 marks a continuation segment. */
  readonly numbers: Uint32Array | number[]

  constructor(
    readonly text: string,
    maxLineChars = 4000,
  ) {
    const starts: number[] = []
    const ends: number[] = []
    const numbers: number[] = []
    let at = 0
    let line = 1
    const length = text.length
    while (at <= length) {
      let newline = text.indexOf('\n', at)
      if (newline === -1) newline = length
      let end = newline
      if (end > at && text.charCodeAt(end - 1) === 13) end-- // CRLF
      let segment = at
      do {
        starts.push(segment)
        ends.push(Math.min(end, segment + maxLineChars))
        numbers.push(segment === at ? line : 0)
        segment += maxLineChars
      } while (segment < end)
      line++
      at = newline + 1
      if (newline === length) break
    }
    // Typed arrays halve the memory of millions of offsets once the size is known.
    this.starts = Uint32Array.from(starts)
    this.ends = Uint32Array.from(ends)
    this.numbers = Uint32Array.from(numbers)
  }

  get count(): number {
    return this.starts.length
  }

  /** Display lines [from, to) as strings, with their source line numbers. */
  slice(from: number, to: number): { text: string[]; numbers: number[] } {
    const text: string[] = []
    const numbers: number[] = []
    for (let i = Math.max(0, from); i < Math.min(to, this.count); i++) {
      text.push(this.text.slice(this.starts[i], this.ends[i]))
      numbers.push(this.numbers[i]!)
    }
    return { text, numbers }
  }
}
