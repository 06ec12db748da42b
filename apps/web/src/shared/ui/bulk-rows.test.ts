import { describe, expect, it } from 'vitest'
import { rowsToText, textToRows } from './bulk-rows'

describe('bulk edit', () => {
  it('round-trips rows, disabled ones and values with colons included', () => {
    const rows: [string, string, boolean][] = [
      ['Accept', 'application/json', true],
      ['X-Off', 'x', false],
      ['Link', '<http://a.test/p?x=1>; rel="next"', true],
      ['Empty', '', true],
    ]
    expect(textToRows(rowsToText(rows))).toEqual(rows)
  })

  it('ignores blank lines and trims names', () => {
    expect(textToRows('  a : 1\n\n//b:2\n')).toEqual([
      ['a', '1', true],
      ['b', '2', false],
    ])
  })
})
