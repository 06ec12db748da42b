import { buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { browsableTypes, searchSchema } from './schema-search'

const schema = buildSchema(`
  type Query { book(id: ID!): Book, books: [Book] @deprecated(reason: "Use search.") }
  type Book { id: ID! title: String author: Author }
  type Author { name: String books: [Book] }
`)

describe('searchSchema', () => {
  it('finds types, then fields by name, marking deprecated ones', () => {
    expect(searchSchema(schema, 'BOOK')).toEqual([
      { type: 'Book', deprecated: false },
      { type: 'Author', field: 'books', deprecated: false },
      { type: 'Query', field: 'book', deprecated: false },
      { type: 'Query', field: 'books', deprecated: true },
    ])
  })

  it('finds nothing for blank text and leaves out introspection types', () => {
    expect(searchSchema(schema, '  ')).toEqual([])
    expect(searchSchema(schema, '__schema')).toEqual([])
    expect(browsableTypes(schema).map((t) => t.name)).not.toContain('__Type')
  })
})
