import { describe, expect, it } from 'vitest'
import { graphqlPayload } from './graphql-payload.js'

describe('graphqlPayload', () => {
  it('parses variables and keeps the operation name', () => {
    expect(graphqlPayload({ kind: 'graphql', query: 'q', variables: '{"id": 1}', operationName: 'Op' })).toEqual({
      payload: { query: 'q', variables: { id: 1 }, operationName: 'Op' },
      variablesProblem: null,
    })
  })

  it('reports variables that are not a JSON object, keeping what was typed', () => {
    expect(graphqlPayload({ kind: 'graphql', query: 'q', variables: '[1]' }).variablesProblem).toMatch(/JSON object/)
    const broken = graphqlPayload({ kind: 'graphql', query: 'q', variables: '{nope' })
    expect(broken.variablesProblem).toMatch(/not valid JSON/)
    expect(broken.payload.variables).toBe('{nope')
  })

  it('leaves variables out when there are none', () => {
    expect(graphqlPayload({ kind: 'graphql', query: 'q', variables: ' ' }).payload).toEqual({ query: 'q' })
  })
})
