import type { z } from 'zod'
import { CourierError } from '../errors.js'
import { describeIssue } from './field-words.js'

/**
 * Parses untrusted input against a contract schema; the error names every field at fault in
 * words ("Capture row 1: the variable name is empty — …"), never in zod's own text.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.slice(0, 10).map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: describeIssue(issue, value),
  }))
  const first = issues[0]!
  throw new CourierError('INVALID_REQUEST', first.message, { field: first.field, details: issues })
}
