import type { RunReport } from '../runs.js'
import { runReportFailures, runReportStats } from './stats.js'

/**
 * The run as one JSON document (newman's `--reporters json`): the report itself, its summary
 * (`stats`) and its numbered `failures`. Bodies are not in a run's records, so it stays small.
 */
export function runReportJson(report: RunReport): string {
  const { steps, ...run } = report
  return `${JSON.stringify(
    { ...run, stats: runReportStats(report), failures: runReportFailures(report), steps },
    null,
    2,
  )}\n`
}
