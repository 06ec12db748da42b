import { describe, expect, it } from 'vitest'
import { BodyDocument } from './body-document'

const sample = JSON.stringify({
  store: {
    book: [
      { title: 'A', price: 8 },
      { title: 'B', price: 22 },
    ],
    'odd key': "it's",
  },
})

describe('BodyDocument', () => {
  it('pretty-prints JSON and pages its lines', () => {
    const doc = new BodyDocument(sample, 'json')
    const info = doc.info()
    expect(info.rawLines).toBe(1)
    expect(info.prettyText).toBe(JSON.stringify(JSON.parse(sample), null, 2))
    expect(doc.lines('pretty', 0, 3).text).toEqual(['{', '  "store": {', '    "book": ['])
    expect(doc.lines('pretty', 0, 2).numbers).toEqual([1, 2])
  })

  it('makes a large body pretty only when asked, and hands Monaco nothing past its limit', () => {
    const doc = new BodyDocument(sample, 'json', { monacoChars: 10, eagerPrettyChars: 10, xmlPrettyChars: 100 })
    expect(doc.info()).toMatchObject({ prettyLines: null, prettyText: null, treeRows: 10 })
    expect(doc.info(true).prettyText).toBeNull()
    expect(doc.info(true).prettyLines).toBeGreaterThan(10)
    expect(doc.info().prettyLines).toBeGreaterThan(10) // once made, it is kept
  })

  it('shows a small tree expanded, with paths and values to copy', () => {
    const doc = new BodyDocument(sample, 'json')
    const rows = doc.rows(0, 100)
    expect(rows.map((row) => `${'  '.repeat(row.depth)}${row.key ?? '$'} ${row.preview}`)).toEqual([
      '$ {1}',
      '  store {2}',
      '    book [2]',
      '      [0] {2}',
      '        title "A"',
      '        price 8',
      '      [1] {2}',
      '        title "B"',
      '        price 22',
      '    odd key "it\'s"',
    ])
    expect(doc.path(5)).toBe('$.store.book[0].price')
    expect(doc.path(9)).toBe("$.store['odd key']")
    expect(doc.valueAt(3)).toBe('{\n  "title": "A",\n  "price": 8\n}')
    expect(doc.valueAt(9)).toBe("it's")
  })

  it('collapses and expands a node', () => {
    const doc = new BodyDocument(sample, 'json')
    expect(doc.toggle(2)).toBe(4) // $, store, book, odd key
    expect(doc.rows(0, 10).map((row) => row.key)).toEqual([null, 'store', 'book', 'odd key'])
    expect(doc.toggle(2)).toBe(6) // children reopen closed
    expect(doc.rows(3, 4)[0]).toMatchObject({ key: '[0]', expanded: false, preview: '{2} title: "A", price: 8' })
  })

  it('opens only the root of a large array, and expands a million children without recursion limits', () => {
    const big = JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => ({ i })))
    const doc = new BodyDocument(big, 'json')
    expect(doc.info().treeRows).toBe(1_000_001)
    expect(doc.toggle(0)).toBe(1)
    expect(doc.toggle(0)).toBe(1_000_001)
    expect(doc.toggle(500_000)).toBe(1_000_002)
    expect(doc.path(500_001)).toBe('$[499999].i')
  }, 60_000)

  it('filters with JSONPath and clears the filter', () => {
    const doc = new BodyDocument(sample, 'json')
    const info = doc.applyFilter('$.store.book[?@.price > 10].title')
    expect(info.filter).toEqual({ expression: '$.store.book[?@.price > 10].title', matches: 1 })
    expect(info.prettyText).toBe('[\n  "B"\n]')
    expect(doc.rows(0, 5).map((row) => row.preview)).toEqual(['[1]', '"B"'])
    expect(() => doc.applyFilter('$.store[')).toThrow()
    expect(doc.info().filter?.matches).toBe(1) // a bad expression leaves the view as it was
    expect(doc.applyFilter('').filter).toBeNull()
  })

  it('keeps invalid JSON as text and says why', () => {
    const doc = new BodyDocument('{"a": 1,,}', 'json')
    expect(doc.info().parseError).toMatch(/JSON/)
    expect(doc.info().prettyText).toBe('{"a": 1,,}')
    expect(doc.info().treeRows).toBe(0)
  })

  it('re-indents XML and cuts very long lines into segments', () => {
    const doc = new BodyDocument('<a><b>1</b></a>', 'xml')
    expect(doc.info().prettyText).toBe('<a>\n  <b>1</b>\n</a>')
    const long = new BodyDocument('x'.repeat(9000) + '\nend', 'text')
    expect(long.info().rawLines).toBe(4)
    expect(long.lines('raw', 0, 4).numbers).toEqual([1, 0, 0, 2])
    const crlf = new BodyDocument(`${'y'.repeat(4000)}\r\nz\r\n`, 'text')
    expect(crlf.lines('raw', 0, 10)).toEqual({ text: ['y'.repeat(4000), 'z', ''], numbers: [1, 2, 3] })
  })
})
