import { describe, expect, it } from 'vitest'
import { operationType } from './graphql-operation'

describe('operationType', () => {
  it('finds a subscription, by name among several', () => {
    expect(operationType('subscription { ticks }')).toBe('subscription')
    const doc = 'query A { a } subscription B { b }'
    expect(operationType(doc, 'B')).toBe('subscription')
    expect(operationType(doc, 'A')).toBe('query')
    expect(operationType(doc)).toBeNull()
  })
  it('is null for what does not parse', () => {
    expect(operationType('subscription {')).toBeNull()
    expect(operationType('')).toBeNull()
  })
})
