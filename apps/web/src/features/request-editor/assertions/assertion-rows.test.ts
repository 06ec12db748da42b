import { describe, expect, it } from 'vitest'
import { assertionProblem, newAssertion, OPERATORS_OF, withSource } from './assertion-rows'

describe('assertion rows', () => {
  const status = newAssertion()

  it('starts as "Status code equals 200", which is fine as it is', () => {
    expect(status).toMatchObject({ source: 'status', operator: 'equals', value: '200', enabled: true })
    expect(assertionProblem(status)).toBeUndefined()
  })

  it('says a bad regular expression is one, under the value', () => {
    const problem = assertionProblem({ ...status, source: 'body', operator: 'matches', value: '(unclosed' })
    expect(problem?.field).toBe('value')
    expect(problem?.message).toBe('Not a valid regular expression: Unterminated group.')
  })

  it('says a bad or missing JSONPath is one, under the target', () => {
    const json = withSource(status, 'json')
    expect(assertionProblem({ ...json, expression: '' })).toMatchObject({ field: 'expression', message: /No JSONPath/ })
    const bad = assertionProblem({ ...json, expression: '$.[' })
    expect(bad).toMatchObject({ field: 'expression' })
    expect(bad?.message).toMatch(/\$\.\[ is not a valid JSONPath/)
    expect(assertionProblem({ ...json, expression: '$.items[0].name', value: 'x' })).toBeUndefined()
  })

  it('says a JSON Schema that is not JSON is not', () => {
    const schema = withSource(status, 'jsonSchema')
    expect(assertionProblem(schema)).toBeUndefined()
    expect(assertionProblem({ ...schema, value: '{"type": ' })?.message).toMatch(/^The JSON Schema is not JSON/)
    expect(assertionProblem({ ...schema, value: '[1]' })?.message).toMatch(/is an object/)
  })

  it('wants numbers for less/greater than and three digits for a status', () => {
    const time = withSource(status, 'responseTime')
    expect(time.operator).toBe('lessThan')
    expect(assertionProblem({ ...time, value: 'fast' })?.message).toMatch(/fast is not a number/)
    expect(assertionProblem({ ...status, value: '20' })?.message).toMatch(/three digits/)
  })

  it('keeps the operator when the new kind allows it, else takes that kind’s default', () => {
    const header = withSource({ ...status, operator: 'notEquals' }, 'header')
    expect(header.operator).toBe('notEquals')
    expect(assertionProblem(header)?.message).toMatch(/No header name/)
    expect(withSource(header, 'jsonSchema').operator).toBe('valid')
    for (const ops of Object.values(OPERATORS_OF)) expect(ops.length).toBeGreaterThan(0)
  })
})
