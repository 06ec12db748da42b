import { describe, expect, it } from 'vitest'
import { LineIndex } from './line-index'
import { MAX_WRAP_COLUMNS, MIN_WRAP_COLUMNS, WrapIndex, cutRows, wrapColumns } from './wrap-index'

const all = (wrap: WrapIndex) => wrap.slice(0, wrap.count)

describe('WrapIndex', () => {
  it('cuts long lines into rows of the width, numbering only the first row of each line', () => {
    const wrap = new WrapIndex(new LineIndex('abcdefghij\nxy\n\n1234567'), 4)
    expect(all(wrap)).toEqual({
      text: ['abcd', 'efgh', 'ij', 'xy', '', '1234', '567'],
      numbers: [1, 0, 0, 2, 3, 4, 0],
    })
    expect(wrap.count).toBe(7)
  })

  it('gives any window of rows, starting mid-line', () => {
    const wrap = new WrapIndex(new LineIndex('abcdefghij\nxy\n\n1234567'), 4)
    expect(wrap.slice(1, 4)).toEqual({ text: ['efgh', 'ij', 'xy'], numbers: [0, 0, 2] })
    expect(wrap.slice(6, 50)).toEqual({ text: ['567'], numbers: [0] })
    expect(wrap.slice(7, 9)).toEqual({ text: [], numbers: [] })
  })

  it('joins the segments the unwrapped view cut a long line into, then wraps the whole line', () => {
    // LineIndex cuts at 5 characters here: rows 'abcde', 'fghij', 'k'; wrapped at 3 the line reads on.
    const wrap = new WrapIndex(new LineIndex('abcdefghijk\r\nend', 5), 3)
    expect(all(wrap)).toEqual({ text: ['abc', 'def', 'ghi', 'jk', 'end'], numbers: [1, 0, 0, 0, 2] })
  })

  it('never cuts a character of two UTF-16 units in half', () => {
    // '😀' is two units and, wide, two columns: after 'ab' it does not fit 3 columns, so it starts the next row.
    const wrap = new WrapIndex(new LineIndex('ab😀cdef'), 3)
    const { text } = all(wrap)
    expect(text).toEqual(['ab', '😀c', 'def'])
    expect(text.join('')).toBe('ab😀cdef')
  })

  it('gives a tab the columns up to the next tab stop, as the browser draws it, so no row is wider than the view', () => {
    // Wrapped at 20 columns: 'id' + tab reaches column 8, 'name' 12, tab 16, 'x' 17, a tab would reach 24;
    // three tabs reach 24 too, so the third starts a row.
    const tsv = new LineIndex('id\tname\tx\tlast\n\t\t\tdeep\nplain line without tabs here')
    const wrap = new WrapIndex(tsv, 20)
    expect(all(wrap)).toEqual({
      text: ['id\tname\tx', '\tlast', '\t\t', '\tdeep', 'plain line without t', 'abs here'],
      numbers: [1, 0, 2, 0, 3, 0],
    })
    const columnsOf = (row: string) =>
      [...row].reduce((column, char) => (char === '\t' ? column + 8 - (column % 8) : column + 1), 0)
    for (const row of all(wrap).text) expect(columnsOf(row)).toBeLessThanOrEqual(20)
    // Moving between layouts works on those rows too.
    for (let row = 0; row < wrap.count; row++) expect(wrap.rowAt(wrap.offsetOf(row))).toBe(row)
    expect(wrap.offsetOf(1)).toBe('id\tname\tx'.length)
  })

  it('gives a wide character (CJK, emoji) the columns the font draws it in', () => {
    // Wrapped at 20 columns, wide characters taking 2: 'ab' + 9 ideographs = 20 columns; '😀' is two units, one character.
    const wrap = new WrapIndex(new LineIndex('ab中文中文中文中文中x😀yz\nascii only, arithmetic'), 20, 2)
    expect(all(wrap)).toEqual({
      text: ['ab中文中文中文中文中', 'x😀yz', 'ascii only, arithmet', 'ic'],
      numbers: [1, 0, 2, 0],
    })
    // Where wide characters take 3, fewer fit.
    expect(all(new WrapIndex(new LineIndex('中文中文中文中文'), 20, 3)).text).toEqual(['中文中文中文', '中文'])
  })

  it('wraps one 100 MB line and a million lines, making only the rows asked for', () => {
    const oneLine = new LineIndex('{"k":"v"},'.repeat(10_000_000))
    let started = performance.now()
    const wide = new WrapIndex(oneLine, 120)
    const wideMs = performance.now() - started
    expect(wide.count).toBe(Math.ceil(100_000_000 / 120))
    expect(wide.slice(wide.count - 1, wide.count).text[0]).toBe('{"k":"v"},'.repeat(10).slice(0, 100_000_000 % 120))

    const manyLines = new LineIndex(`${'x'.repeat(99)}\n`.repeat(1_000_000))
    started = performance.now()
    const many = new WrapIndex(manyLines, 40)
    const manyMs = performance.now() - started
    expect(many.count).toBe(1_000_000 * 3 + 1)
    expect(many.slice(3 * 500_000, 3 * 500_000 + 3)).toEqual({
      text: ['x'.repeat(40), 'x'.repeat(40), 'x'.repeat(19)],
      numbers: [500_001, 0, 0],
    })
    // A resize re-wraps at the new width without walking the text again: cheaper than the first time.
    started = performance.now()
    expect(new WrapIndex(manyLines, 80).count).toBe(2_000_001)
    const rewrapMs = performance.now() - started
    console.log(
      `wrap: 100 MB line ${wideMs.toFixed(1)} ms, 1 M lines ${manyMs.toFixed(1)} ms, re-wrap ${rewrapMs.toFixed(1)} ms`,
    )
    // Printed, not asserted (speed is measured, never a timed test): the first wrap also searches the
    // text once for tabs and wide characters (0.25-0.4 s per 100 MB here); a re-wrap is arithmetic.
  }, 60_000)
})

describe('wrapColumns', () => {
  it('fits whole characters into the width, within bounds', () => {
    expect(wrapColumns(753, 7.53)).toBe(100)
    expect(wrapColumns(752.9, 7.53)).toBe(99)
    expect(wrapColumns(50, 7.5)).toBe(MIN_WRAP_COLUMNS)
    expect(wrapColumns(10_000_000, 7.5)).toBe(MAX_WRAP_COLUMNS)
    expect(wrapColumns(700, 0)).toBe(MIN_WRAP_COLUMNS)
  })
})

describe('moving between layouts', () => {
  const text = 'abcdefghij\nxy\n\n1234567'
  it('finds where a row starts and which row holds an offset, wrapped and cut', () => {
    const wrap = new WrapIndex(new LineIndex(text), 4)
    // Rows: abcd efgh ij | xy | '' | 1234 567; offsets 0 4 8 | 11 | 14 | 15 19.
    expect([0, 1, 2, 3, 4, 5, 6].map((row) => wrap.offsetOf(row))).toEqual([0, 4, 8, 11, 14, 15, 19])
    expect([0, 3, 4, 9, 10, 11, 13, 14, 15, 21, 22].map((offset) => wrap.rowAt(offset))).toEqual([
      0, 0, 1, 2, 2, 3, 3, 4, 5, 6, 6,
    ])
    const cut = new LineIndex(text, 4)
    expect(cutRows.offsetOf(cut, 1)).toBe(4)
    expect(cutRows.rowAt(cut, 13)).toBe(3)
    // Every wrapped row's start maps back to itself.
    for (let row = 0; row < wrap.count; row++) expect(wrap.rowAt(wrap.offsetOf(row))).toBe(row)
  })
})
