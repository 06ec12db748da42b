import { describe, expect, it } from 'vitest'
import { paramsFromUrl, parseQuery, splitUrl, urlWithParams } from './url-params.js'

describe('URL → params', () => {
  it('keeps repeated keys as separate rows in order', () => {
    expect(paramsFromUrl('http://a.test/x?tag=a&tag=b&q=1', [])).toEqual([
      ['tag', 'a', true],
      ['tag', 'b', true],
      ['q', '1', true],
    ])
  })

  it('decodes percent-escapes for the table but leaves + as typed', () => {
    expect(parseQuery('q=caf%C3%A9%20au+lait&x')).toEqual([
      ['q', 'café au+lait'],
      ['x', ''],
    ])
  })

  it('keeps a malformed escape instead of failing', () => {
    expect(parseQuery('p=100%&n=%E2%9C%93')).toEqual([
      ['p', '100%'],
      ['n', '✓'],
    ])
  })

  it('keeps disabled rows where they were while enabled rows follow the URL', () => {
    const current = [
      ['a', '1', true],
      ['off', 'x', false],
      ['b', '2', true],
    ] as const
    expect(
      paramsFromUrl(
        'http://h/p?a=9&b=8&c=7',
        current.map((r) => [...r]),
      ),
    ).toEqual([
      ['a', '9', true],
      ['off', 'x', false],
      ['b', '8', true],
      ['c', '7', true],
    ])
  })

  it('ignores the fragment', () => {
    expect(splitUrl('http://h/p?a=1#frag')).toEqual({ base: 'http://h/p', query: 'a=1', hash: '#frag' })
  })
})

describe('params → URL', () => {
  it('encodes what would break the query and keeps variables intact', () => {
    expect(
      urlWithParams('http://h/p?old=1#top', [
        ['q', 'a b&c', true],
        ['k=v', '{{token}}', true],
        ['skip', 'me', false],
      ]),
    ).toBe('http://h/p?q=a%20b%26c&k%3Dv={{token}}#top')
  })

  it('drops the ? when no row is enabled', () => {
    expect(urlWithParams('http://h/p?a=1', [['a', '1', false]])).toBe('http://h/p')
  })

  it('round-trips table → URL → table', () => {
    const rows: [string, string, boolean][] = [
      ['name', 'Zoë & co', true],
      ['pct', '50%', true],
      ['plus', 'a+b', true],
      ['tag', 'x', true],
      ['tag', 'y', true],
    ]
    expect(paramsFromUrl(urlWithParams('https://api.test/s', rows), [])).toEqual(rows)
  })
})
