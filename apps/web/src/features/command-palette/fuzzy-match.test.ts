import { describe, expect, it } from 'vitest'
import { fuzzyScore, rank } from './fuzzy-match'

describe('fuzzy matching', () => {
  it('matches subsequences and refuses non-matches', () => {
    expect(fuzzyScore('lstord', 'List orders')).not.toBeNull()
    expect(fuzzyScore('xyz', 'List orders')).toBeNull()
  })

  it('ranks exact and word-start matches first', () => {
    expect(rank(['hello world', 'List orders', 'shop / orders / list'], 'list', (s) => s)).toEqual([
      'List orders',
      'shop / orders / list',
    ])
    expect(rank(['Get order', 'Orders'], 'ord', (s) => s)[0]).toBe('Orders')
  })

  it('keeps the original order for an empty query', () => {
    expect(rank(['b', 'a', 'c'], '', (s) => s)).toEqual(['b', 'a', 'c'])
  })
})
