import type { Assertion, TestResult } from '@courier/shared'
import { lazy } from '../lazy.js'
import { queryJson } from '../send/json-path.js'

/** JSON Schema validation loads with the first "is valid against the schema" assertion. */
const ajv = lazy(() => import('ajv'))

/** The answer as assertions read it. */
export type AssertedResponse = {
  status: number | null
  headers: readonly [string, string][]
  body: string | null
  timeMs: number
}

const OPERATOR_WORDS: Record<Assertion['operator'], string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  notContains: 'does not contain',
  matches: 'matches',
  exists: 'exists',
  notExists: 'does not exist',
  lessThan: 'is less than',
  greaterThan: 'is greater than',
  valid: 'is valid against the schema',
}

/** "Status equals 200", "Header Content-Type contains json", "$.id exists": the test's name as the table shows it. */
export function assertionName(a: Assertion): string {
  const subject =
    a.source === 'status'
      ? 'Status'
      : a.source === 'header'
        ? `Header ${a.expression}`
        : a.source === 'json'
          ? a.expression || '$'
          : a.source === 'body'
            ? 'Body'
            : a.source === 'responseTime'
              ? 'Response time (ms)'
              : 'Body'
  const tail = a.operator === 'exists' || a.operator === 'notExists' || a.operator === 'valid' ? '' : ` ${a.value}`
  return `${subject} ${OPERATOR_WORDS[a.operator]}${tail}`
}

type Picked = { found: boolean; value?: unknown; problem?: string }

async function pick(a: Assertion, response: AssertedResponse): Promise<Picked> {
  switch (a.source) {
    case 'status':
      return response.status === null ? { found: false } : { found: true, value: response.status }
    case 'responseTime':
      return { found: true, value: Math.round(response.timeMs) }
    case 'header': {
      const found = response.headers.find(([name]) => name.toLowerCase() === a.expression.trim().toLowerCase())
      return found ? { found: true, value: found[1] } : { found: false }
    }
    case 'body':
      return response.body === null ? { found: false } : { found: true, value: response.body }
    case 'json':
    case 'jsonSchema': {
      if (response.body === null) return { found: false, problem: 'the body is not text' }
      let document: unknown
      try {
        document = JSON.parse(response.body)
      } catch {
        return { found: false, problem: 'the body is not JSON' }
      }
      if (a.source === 'jsonSchema') return { found: true, value: document }
      try {
        const matches = await queryJson(document, a.expression.trim() || '$')
        return matches.length ? { found: true, value: matches[0] } : { found: false }
      } catch (error) {
        return { found: false, problem: `${a.expression} is not a valid JSONPath (${(error as Error).message})` }
      }
    }
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))
const numeric = (value: unknown) => (typeof value === 'number' ? value : Number(String(value).trim()))

/** Why an assertion failed, in a sentence; undefined when it passed. */
async function failure(a: Assertion, picked: Picked): Promise<string | undefined> {
  if (picked.problem) return `${picked.problem[0]!.toUpperCase()}${picked.problem.slice(1)}.`
  if (a.operator === 'exists') return picked.found ? undefined : 'Not found in the response.'
  if (a.operator === 'notExists') return picked.found ? `Found: ${text(picked.value)}.` : undefined
  if (!picked.found) return 'Not found in the response.'
  const actual = picked.value
  switch (a.operator) {
    case 'equals':
    case 'notEquals': {
      const equal =
        typeof actual === 'number' || typeof actual === 'boolean' || actual === null
          ? text(actual) === a.value.trim()
          : typeof actual === 'string'
            ? actual === a.value
            : safeJsonEqual(actual, a.value)
      if (a.operator === 'equals') return equal ? undefined : `Expected ${a.value}, got ${text(actual)}.`
      return equal ? `Expected anything but ${a.value}.` : undefined
    }
    case 'contains':
      return text(actual).includes(a.value) ? undefined : `${text(actual)} does not contain ${a.value}.`
    case 'notContains':
      return text(actual).includes(a.value) ? `${text(actual)} contains ${a.value}.` : undefined
    case 'matches': {
      let pattern: RegExp
      try {
        pattern = new RegExp(a.value)
      } catch {
        return `${a.value} is not a valid regular expression.`
      }
      return pattern.test(text(actual)) ? undefined : `${text(actual)} does not match ${a.value}.`
    }
    case 'lessThan':
    case 'greaterThan': {
      const [x, y] = [numeric(actual), Number(a.value.trim())]
      if (Number.isNaN(x) || Number.isNaN(y)) return `${text(actual)} and ${a.value} are not both numbers.`
      const ok = a.operator === 'lessThan' ? x < y : x > y
      return ok ? undefined : `${x} ${OPERATOR_WORDS[a.operator]} ${y} is false.`
    }
    case 'valid':
      return schemaFailure(a.value, actual)
  }
  return undefined
}

function safeJsonEqual(actual: unknown, expected: string): boolean {
  try {
    return JSON.stringify(actual) === JSON.stringify(JSON.parse(expected))
  } catch {
    return false
  }
}

async function schemaFailure(schemaText: string, value: unknown): Promise<string | undefined> {
  let schema: object
  try {
    schema = JSON.parse(schemaText) as object
  } catch {
    return 'The JSON Schema is not valid JSON.'
  }
  const { Ajv } = await ajv()
  const validator = new Ajv({ allErrors: true, strict: false })
  let validate
  try {
    validate = validator.compile(schema)
  } catch (error) {
    return `The JSON Schema is not valid: ${(error as Error).message}.`
  }
  if (validate(value)) return undefined
  return validator.errorsText(validate.errors, { dataVar: 'body' }) + '.'
}

/** Every enabled assertion of a request checked against its answer, as test results. */
export async function checkAssertions(
  assertions: readonly Assertion[],
  response: AssertedResponse,
): Promise<TestResult[]> {
  const enabled = assertions.filter((a) => a.enabled)
  return Promise.all(
    enabled.map(async (a): Promise<TestResult> => {
      const error = await failure(a, await pick(a, response))
      return {
        name: assertionName(a),
        passed: error === undefined,
        kind: 'assertion',
        ...(error ? { error } : {}),
        origin: { level: 'request', name: 'Assertions', phase: 'test' },
      }
    }),
  )
}
