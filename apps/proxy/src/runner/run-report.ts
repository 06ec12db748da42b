import type { RunReport, RunStep, RunTotals } from '@courier/shared'
import type { RunPlan } from './run-collection.js'

/** Requests and tests counted as newman does: a request fails when it got no answer; skipped tests do not count. */
export function runTotals(steps: readonly RunStep[]): RunTotals {
  const tests = steps.flatMap((step) => step.record.scripts?.tests ?? []).filter((t) => !t.skipped)
  const answered = (step: RunStep) => step.record.scripts?.skipped === true || step.record.error === null
  return {
    requests: steps.length,
    failedRequests: steps.filter((step) => !answered(step)).length,
    tests: tests.length,
    failedTests: tests.filter((t) => !t.passed).length,
  }
}

/** The report of a run so far (or as it ended): its steps, counts, state and the input it ran with. */
export function runReport(
  plan: RunPlan,
  steps: readonly RunStep[],
  how: { state: RunReport['state']; stoppedReason?: string; durationMs: number; id?: string; startedAt?: string },
): RunReport {
  const failed = steps.filter((step) => !step.passed).length
  return {
    ...(how.id ? { id: how.id } : {}),
    collection: plan.tree.name,
    collectionId: plan.tree.id,
    environment: plan.environment?.name ?? null,
    iterations: plan.options.iterations ?? (plan.options.data?.length || 1),
    ...(how.startedAt ? { startedAt: how.startedAt } : {}),
    state: how.state,
    ...(how.stoppedReason ? { stoppedReason: how.stoppedReason } : {}),
    steps: [...steps],
    passed: steps.length - failed,
    failed,
    totals: runTotals(steps),
    durationMs: how.durationMs,
    input: plan.options,
  }
}
