import type { Assertion, AssertionOperator, AssertionSource } from '@courier/shared'
import { query } from 'jsonpath-rfc9535'

/** The kinds in the order the Kind menu lists them, with the words a person reads. */
export const KINDS: readonly { source: AssertionSource; label: string }[] = [
  { source: 'status', label: 'Status code' },
  { source: 'header', label: 'Header' },
  { source: 'json', label: 'JSONPath' },
  { source: 'body', label: 'Body' },
  { source: 'responseTime', label: 'Response time' },
  { source: 'jsonSchema', label: 'JSON Schema' },
]

export const OPERATOR_LABELS: Record<AssertionOperator, string> = {
  equals: 'equals',
  notEquals: 'not equals',
  contains: 'contains',
  notContains: 'does not contain',
  matches: 'matches regex',
  exists: 'exists',
  notExists: 'does not exist',
  lessThan: 'less than',
  greaterThan: 'greater than',
  valid: 'is valid',
}

/** What the server's check can do with each kind's value (apps/proxy/src/scripting/assertions.ts). */
export const OPERATORS_OF: Record<AssertionSource, readonly AssertionOperator[]> = {
  status: ['equals', 'notEquals', 'lessThan', 'greaterThan', 'matches'],
  header: ['equals', 'notEquals', 'contains', 'notContains', 'matches', 'exists', 'notExists'],
  json: ['equals', 'notEquals', 'contains', 'notContains', 'matches', 'exists', 'notExists', 'lessThan', 'greaterThan'],
  body: ['contains', 'notContains', 'equals', 'notEquals', 'matches'],
  responseTime: ['lessThan', 'greaterThan'],
  jsonSchema: ['valid'],
}

/** Whether the kind names a target (a header, a JSONPath) besides the value. */
export const hasTarget = (source: AssertionSource) => source === 'header' || source === 'json'

/** Whether the operator compares against an expected value at all. */
export const takesValue = (operator: AssertionOperator) => operator !== 'exists' && operator !== 'notExists'

const DEFAULTS: Record<AssertionSource, Pick<Assertion, 'operator' | 'value'>> = {
  status: { operator: 'equals', value: '200' },
  header: { operator: 'exists', value: '' },
  json: { operator: 'equals', value: '' },
  body: { operator: 'contains', value: '' },
  responseTime: { operator: 'lessThan', value: '1000' },
  jsonSchema: { operator: 'valid', value: '{\n  "type": "object"\n}' },
}

export function newAssertion(): Assertion {
  return { enabled: true, source: 'status', expression: '', ...DEFAULTS.status }
}

/** The row with another kind: its operator kept where the new kind allows it, else that kind's default. */
export function withSource(a: Assertion, source: AssertionSource): Assertion {
  const keeps = OPERATORS_OF[source].includes(a.operator)
  return {
    ...a,
    source,
    expression: hasTarget(source) && hasTarget(a.source) && source === a.source ? a.expression : '',
    operator: keeps ? a.operator : DEFAULTS[source].operator,
    value: source === 'jsonSchema' || a.source === 'jsonSchema' ? DEFAULTS[source].value : a.value,
  }
}

export type AssertionProblem = { field: 'expression' | 'value'; message: string }

/** What is wrong with a row before it is sent, in a sentence, and which field it is about. */
export function assertionProblem(a: Assertion): AssertionProblem | undefined {
  if (a.source === 'header' && !a.expression.trim())
    return { field: 'expression', message: 'No header name — type the response header to check, such as Content-Type.' }
  if (a.source === 'json') {
    const path = a.expression.trim()
    if (!path) return { field: 'expression', message: 'No JSONPath — type where the value is, such as $.data[0].id.' }
    try {
      query({}, path)
    } catch (error) {
      return { field: 'expression', message: `${path} is not a valid JSONPath: ${(error as Error).message}` }
    }
  }
  if (!takesValue(a.operator)) return undefined
  if (a.operator === 'matches') {
    try {
      new RegExp(a.value)
    } catch (error) {
      // V8 says "Invalid regular expression: /(a/: Unterminated group"; the row needs only the why.
      const why = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
      return { field: 'value', message: `Not a valid regular expression: ${why}.` }
    }
  }
  if ((a.operator === 'lessThan' || a.operator === 'greaterThan') && !isNumber(a.value))
    return { field: 'value', message: `${a.value.trim() || 'An empty value'} is not a number; type one, such as 500.` }
  if (a.source === 'status' && a.operator !== 'matches' && !/^\d{3}$/.test(a.value.trim()))
    return { field: 'value', message: 'A status code is three digits, such as 200 or 404.' }
  if (a.source === 'jsonSchema') {
    let schema: unknown
    try {
      schema = JSON.parse(a.value)
    } catch (error) {
      return { field: 'value', message: `The JSON Schema is not JSON: ${(error as Error).message}.` }
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
      if (typeof schema !== 'boolean')
        return { field: 'value', message: 'A JSON Schema is an object, such as {"type": "object"}.' }
  }
  return undefined
}

const isNumber = (text: string) => text.trim() !== '' && !Number.isNaN(Number(text.trim()))

/** The Assertions tab's badge: the enabled rows. */
export const enabledAssertions = (assertions: readonly Assertion[]) => assertions.filter((a) => a.enabled).length
