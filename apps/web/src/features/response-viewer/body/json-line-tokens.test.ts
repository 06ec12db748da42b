import { describe, expect, it } from 'vitest'
import { jsonLineTokens } from './json-line-tokens'

describe('JSON line colouring', () => {
  it('tells keys from string values, and finds numbers and literals', () => {
    expect(jsonLineTokens('    "name": "item \\"0\\"",')).toEqual([
      ['plain', '    '],
      ['key', '"name"'],
      ['plain', ':'],
      ['plain', ' '],
      ['string', '"item \\"0\\""'],
      ['plain', ','],
    ])
    expect(
      jsonLineTokens('  "n": -1.5e3, "ok": true, "x": null')
        .map(([kind]) => kind)
        .filter((kind) => kind !== 'plain'),
    ).toEqual(['key', 'number', 'key', 'literal', 'key', 'literal'])
  })

  it('keeps every character, even in a line cut mid-string', () => {
    for (const line of ['  "cut off here', '}', '', '  ["a", 1]'])
      expect(
        jsonLineTokens(line)
          .map(([, text]) => text)
          .join(''),
      ).toBe(line)
  })
})
