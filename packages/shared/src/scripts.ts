import { z } from 'zod'

const SCRIPT_MAX = 1024 * 1024

/**
 * Postman's two events on a request, folder or collection: JavaScript run in Courier's sandbox
 * before the request is sent and after its answer, outer level first (collection, folders, request).
 */
export const ScriptsSchema = z.object({
  preRequest: z.string().max(SCRIPT_MAX).default(''),
  test: z.string().max(SCRIPT_MAX).default(''),
})
export type Scripts = z.infer<typeof ScriptsSchema>

export function emptyScripts(): Scripts {
  return { preRequest: '', test: '' }
}

export const ASSERTION_SOURCES = ['status', 'header', 'json', 'body', 'responseTime', 'jsonSchema'] as const
export const ASSERTION_OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'matches',
  'exists',
  'notExists',
  'lessThan',
  'greaterThan',
  'valid',
] as const

/**
 * A test without code: `source` picks the value (the status, a header by name, a JSONPath over a
 * JSON body, the body text, the response time in ms, or the whole JSON body checked against the
 * JSON Schema in `value` with `valid`), `operator` and `value` say what it must be.
 */
export const AssertionSchema = z.object({
  enabled: z.boolean().default(true),
  source: z.enum(ASSERTION_SOURCES),
  /** The header's name for `header`; a JSONPath (`$.data[0].id`) for `json`; unused otherwise. */
  expression: z.string().max(2000).default(''),
  operator: z.enum(ASSERTION_OPERATORS),
  /** The expected value as typed (compared as a number where both sides are numbers); the schema's JSON for `jsonSchema`. */
  value: z.string().max(SCRIPT_MAX).default(''),
})
export type Assertion = z.infer<typeof AssertionSchema>
export type AssertionSource = Assertion['source']
export type AssertionOperator = Assertion['operator']

/** Where a script or assertion came from: the collection, a folder, or the request itself. */
export const ScriptOriginSchema = z.object({
  level: z.enum(['collection', 'folder', 'request']),
  name: z.string(),
  phase: z.enum(['prerequest', 'test']),
})
export type ScriptOrigin = z.infer<typeof ScriptOriginSchema>

export const TestResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  skipped: z.boolean().optional(),
  /** The assertion's sentence when it failed ("expected 404 to equal 200"). */
  error: z.string().optional(),
  /** A script's `pm.test` or a declarative assertion. */
  kind: z.enum(['script', 'assertion']).default('script'),
  origin: ScriptOriginSchema.optional(),
})
export type TestResult = z.infer<typeof TestResultSchema>

export const ConsoleEntrySchema = z.object({
  level: z.enum(['log', 'info', 'warn', 'error', 'debug']),
  /** The arguments as one line, formatted as a browser console would (objects as JSON). */
  text: z.string(),
  origin: ScriptOriginSchema.optional(),
})
export type ConsoleEntry = z.infer<typeof ConsoleEntrySchema>

/** A script that did not finish: a syntax error, a throw, or a time or memory limit. */
export const ScriptFailureSchema = z.object({
  kind: z.enum(['syntax', 'runtime', 'limit-time', 'limit-memory']),
  message: z.string(),
  /** 1-based, in that script's own text. */
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  origin: ScriptOriginSchema,
})
export type ScriptFailure = z.infer<typeof ScriptFailureSchema>

/** What the scripts and assertions of one send did; absent on a record when there were none. */
export const ScriptReportSchema = z.object({
  tests: z.array(TestResultSchema),
  console: z.array(ConsoleEntrySchema),
  errors: z.array(ScriptFailureSchema),
  /** `pm.visualizer.set`: the template and data, rendered in a sandboxed frame. */
  visualizer: z.object({ template: z.string(), data: z.unknown().optional() }).optional(),
  /** `pm.execution.skipRequest()` in a pre-request script: nothing was sent. */
  skipped: z.boolean().optional(),
  /** `setNextRequest`: a request's name or id; null stops the run. Absent: run on in order. */
  nextRequest: z.string().nullable().optional(),
  /** Variables the scripts changed, by scope: names only (values may be secret). */
  changed: z
    .object({
      environment: z.array(z.string()),
      collectionVariables: z.array(z.string()),
      globals: z.array(z.string()),
    })
    .optional(),
})
export type ScriptReport = z.infer<typeof ScriptReportSchema>

/** The passed and failed tests of a report (skipped ones count as neither). */
export function testTotals(report: ScriptReport | undefined): { passed: number; failed: number } {
  const tests = report?.tests ?? []
  return {
    passed: tests.filter((t) => t.passed && !t.skipped).length,
    failed: tests.filter((t) => !t.passed && !t.skipped).length,
  }
}
