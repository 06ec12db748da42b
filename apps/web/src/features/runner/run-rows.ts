import { testTotals, type CollectionTree, type RunReport, type RunStep } from '@courier/shared'

export type StepFilter = 'all' | 'passed' | 'failed'

/** One row of the steps table: a step and what the table shows of it. */
export type StepRow = {
  /** Stable within a run: the step's index. */
  key: string
  step: RunStep
  /** 1-based, as people count. */
  iteration: number
  status: number | null
  timeMs: number
  testsPassed: number
  testsTotal: number
  passed: boolean
}

export function stepRows(report: RunReport | undefined): StepRow[] {
  return (report?.steps ?? []).map((step, index) => {
    const { passed, failed } = testTotals(step.record.scripts)
    return {
      key: String(index),
      step,
      iteration: step.iteration + 1,
      status: step.record.status,
      timeMs: Math.round(step.record.timing.total),
      testsPassed: passed,
      testsTotal: passed + failed,
      passed: step.passed,
    }
  })
}

export function filterRows(rows: readonly StepRow[], filter: StepFilter): StepRow[] {
  if (filter === 'all') return [...rows]
  return rows.filter((row) => row.passed === (filter === 'passed'))
}

/** The saved requests that failed in any iteration, once each, in run order ("Rerun failed"). */
export function failedItemIds(report: RunReport | undefined): string[] {
  const ids = (report?.steps ?? []).flatMap((step) => (!step.passed && step.itemId ? [step.itemId] : []))
  return [...new Set(ids)]
}

/** How many saved requests a run of the collection (or a folder of it) sends per iteration. */
export function requestCount(
  collections: readonly CollectionTree[],
  collectionId: string,
  folderId?: string | null,
): number {
  const collection = collections.find((c) => c.id === collectionId)
  if (!collection) return 0
  const under = (parentId: string | null): number =>
    collection.items
      .filter((item) => item.parentId === parentId)
      .reduce((sum, item) => sum + (item.kind === 'request' ? 1 : under(item.id)), 0)
  return under(folderId ?? null)
}

/**
 * The progress bar's numbers: steps done of requests × iterations. A run that ended early (a stop,
 * a bail, setNextRequest) or that sent more (setNextRequest loops) is full when it ends.
 */
export function runProgress(report: RunReport, requestsPerIteration: number): { done: number; total: number } {
  const perIteration = report.input?.only?.length ?? requestsPerIteration
  const expected = perIteration * Math.max(1, report.iterations)
  const done = report.steps.length
  if (report.state !== 'running') return { done, total: Math.max(done, 1) }
  return { done, total: Math.max(expected, done, 1) }
}

/** "Running", "Finished", "Stopped", "Failed" with the reason when there is one. */
export function stateLabel(report: Pick<RunReport, 'state' | 'stoppedReason'>): string {
  const word = { running: 'Running', finished: 'Finished', stopped: 'Stopped', failed: 'Failed' }[report.state]
  return report.stoppedReason && report.state !== 'running' ? `${word}: ${report.stoppedReason}` : word
}

/** "1.2 s", "850 ms", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}
