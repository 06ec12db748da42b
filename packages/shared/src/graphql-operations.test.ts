import { describe, expect, it } from 'vitest'
import { operationsOf } from './graphql-operations.js'

describe('operationsOf', () => {
  it('lists every operation with its name and type, in document order', () => {
    const doc = `
      query Hero($id: ID!) { hero(id: $id) { name } }
      fragment F on Hero { name }
      mutation Rename { rename(name: "x") { name } }
      subscription Reviews { reviewAdded { stars } }`
    expect(operationsOf(doc)).toEqual([
      { name: 'Hero', type: 'query' },
      { name: 'Rename', type: 'mutation' },
      { name: 'Reviews', type: 'subscription' },
    ])
  })

  it('gives the shorthand query an empty name', () => {
    expect(operationsOf('{ hero { name } }')).toEqual([{ name: '', type: 'query' }])
  })

  it('has none for an empty or half-typed document', () => {
    expect(operationsOf('')).toEqual([])
    expect(operationsOf('query A { hero {')).toEqual([])
  })
})
