import { describe, expect, it } from 'vitest'
import { pageLinks, parseLinkHeader } from './link-header.js'

describe('Link header', () => {
  it('parses GitHub-style pagination with quoted and bare rels', () => {
    const links = parseLinkHeader(
      '<https://api.test/items?page=2>; rel="next", <https://api.test/items?page=5>; rel=last',
    )
    expect(links).toEqual([
      { url: 'https://api.test/items?page=2', rels: ['next'], params: { rel: 'next' } },
      { url: 'https://api.test/items?page=5', rels: ['last'], params: { rel: 'last' } },
    ])
  })

  it('keeps commas inside URLs and quoted titles, and splits space-separated rels', () => {
    const links = parseLinkHeader(
      '<https://a.test/x?ids=1,2,3>; rel="next alternate"; title="a, b; c", </y>; rel="prev"',
      'https://a.test/base/',
    )
    expect(links[0]).toMatchObject({
      url: 'https://a.test/x?ids=1,2,3',
      rels: ['next', 'alternate'],
      params: { title: 'a, b; c' },
    })
    expect(links[1]).toMatchObject({ url: 'https://a.test/y', rels: ['prev'] })
  })

  it('resolves relative targets and reads every Link header line', () => {
    const links = pageLinks(
      [
        ['Link', '<?page=3>; rel="next"'],
        ['Content-Type', 'application/json'],
        ['link', '<?page=1>; rel="previous", <?page=1>; rel="first"'],
      ],
      'https://api.test/v1/items?page=2',
    )
    expect(links).toEqual({
      next: 'https://api.test/v1/items?page=3',
      prev: 'https://api.test/v1/items?page=1',
      first: 'https://api.test/v1/items?page=1',
    })
  })

  it('skips garbage without throwing', () => {
    expect(parseLinkHeader('no links here; rel=next')).toEqual([])
    expect(parseLinkHeader('<https://x.test/unterminated; rel=next')).toEqual([])
    expect(pageLinks([['Link', '<https://x.test/a>; rel="self"']])).toEqual({})
  })
})
