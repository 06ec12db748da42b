import { z } from 'zod'
import { ResponseRecordSchema } from './response-record.js'

/** One iteration's data row (a CSV line or a JSON array's object): `pm.iterationData` and `{{name}}`. */
export const DataRowSchema = z.record(z.string(), z.unknown())
export type DataRow = z.infer<typeof DataRowSchema>

/**
 * A run of a saved collection (or one of its folders), by name or id, in the caller's workspace:
 * the remote `courier run --server`, and the runner in the browser (`POST /api/runs/start`).
 */
export const RunInputSchema = z.object({
  collection: z.string().min(1),
  environment: z.string().min(1).optional(),
  folder: z.string().min(1).optional(),
  /** Stop at the first failed request or test. */
  bail: z.boolean().optional(),
  /** How many times the whole collection runs; with `data`, one iteration per row unless given. */
  iterations: z.number().int().min(1).max(100_000).optional(),
  data: z.array(DataRowSchema).max(100_000).optional(),
  /** Wait between requests. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Per-request timeout (overrides the request's own and the default). */
  timeoutMs: z.number().int().min(1).max(300_000).optional(),
  /**
   * Keep what the scripts set: environment, globals and collection variables written back when the
   * run ends (Postman's "Persist responses / keep variable values"). Off: the run's changes live
   * only in the run (newman's default).
   */
  keepVariables: z.boolean().optional(),
  /** Re-run only these saved requests (ids), e.g. a run's failed ones. */
  only: z.array(z.string()).max(10_000).optional(),
})
export type RunInput = z.infer<typeof RunInputSchema>

export const RunStepSchema = z.object({
  /** The saved request's id. */
  itemId: z.string().optional(),
  name: z.string(),
  /** "Collection/Folder/Sub-folder". */
  path: z.string(),
  /** 0-based. */
  iteration: z.number().int().nonnegative().default(0),
  method: z.string(),
  url: z.string(),
  /** The send's record, its `scripts` holding the tests; bodies are not kept inline in a stored run. */
  record: ResponseRecordSchema,
  /** The request was answered (or skipped by a script) and every test passed. */
  passed: z.boolean(),
})
export type RunStep = z.infer<typeof RunStepSchema>

export const RunTotalsSchema = z.object({
  requests: z.number().int(),
  failedRequests: z.number().int(),
  tests: z.number().int(),
  failedTests: z.number().int(),
})
export type RunTotals = z.infer<typeof RunTotalsSchema>

export const RunStateSchema = z.enum(['running', 'finished', 'stopped', 'failed'])

/** What a run reports, locally printed by `courier run` or answered by `POST /api/runs`. */
export const RunReportSchema = z.object({
  /** Set for a run kept by the server (`/api/runs/:id`). */
  id: z.string().optional(),
  collection: z.string(),
  collectionId: z.string().optional(),
  environment: z.string().nullable(),
  iterations: z.number().int().default(1),
  startedAt: z.string().optional(),
  state: RunStateSchema.default('finished'),
  /** Why the run stopped early (bail, a stop, setNextRequest(null), an error). */
  stoppedReason: z.string().optional(),
  steps: z.array(RunStepSchema),
  /** Steps passed and failed. */
  passed: z.number().int(),
  failed: z.number().int(),
  totals: RunTotalsSchema.optional(),
  durationMs: z.number(),
  /** The input it ran with, so "Run again" and "Rerun failed" repeat it. */
  input: RunInputSchema.optional(),
})
export type RunReport = z.infer<typeof RunReportSchema>

/** A kept run in the list: the report without its steps. */
export const RunSummarySchema = RunReportSchema.omit({ steps: true }).extend({ id: z.string() })
export type RunSummary = z.infer<typeof RunSummarySchema>

export const RunListSchema = z.object({ runs: z.array(RunSummarySchema) })
export type RunList = z.infer<typeof RunListSchema>
