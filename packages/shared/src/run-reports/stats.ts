import type { RunReport, RunStep } from '../runs.js'

export type Counted = { executed: number; failed: number }

/** newman's summary table over a run: what was executed and what failed, per kind. */
export type RunStats = {
  iterations: Counted
  requests: Counted
  /** Test and pre-request script runs: counted from the script errors only when the caller knows no better. */
  testScripts: Counted
  prerequestScripts: Counted
  assertions: Counted & { skipped: number }
  /** Sum and mean of the answered requests' total times, in ms. */
  totalResponseMs: number
  averageResponseMs: number
}

/** One failure of a run, numbered from 1 in run order, as newman lists them at the end. */
export type RunFailure = {
  number: number
  /** 0-based. */
  iteration: number
  /** The step's index in `report.steps`. */
  step: number
  request: string
  path: string
  kind: 'request' | 'script' | 'assertion' | 'status'
  /** The test's name, the script's phase, or the error code. */
  name: string
  message: string
}

/** A step was sent (not skipped by `pm.execution.skipRequest()`). */
export function stepSent(step: RunStep): boolean {
  return step.record.scripts?.skipped !== true
}

export function runReportStats(report: RunReport, scripts?: { test: number; prerequest: number }): RunStats {
  const iterations = new Set(report.steps.map((s) => s.iteration))
  const failedIterations = new Set(report.steps.filter((s) => !s.passed).map((s) => s.iteration))
  const sent = report.steps.filter(stepSent)
  const answered = sent.filter((s) => s.record.error === null && s.record.status !== null)
  const tests = report.steps.flatMap((s) => s.record.scripts?.tests ?? [])
  const errors = report.steps.flatMap((s) => s.record.scripts?.errors ?? [])
  const failedPhase = (phase: 'test' | 'prerequest') => errors.filter((e) => e.origin.phase === phase).length
  const totalResponseMs = answered.reduce((sum, s) => sum + s.record.timing.total, 0)
  return {
    iterations: { executed: Math.max(iterations.size, report.steps.length ? 1 : 0), failed: failedIterations.size },
    requests: { executed: sent.length, failed: sent.length - answered.length },
    testScripts: { executed: scripts?.test ?? failedPhase('test'), failed: failedPhase('test') },
    prerequestScripts: {
      executed: scripts?.prerequest ?? failedPhase('prerequest'),
      failed: failedPhase('prerequest'),
    },
    assertions: {
      executed: tests.filter((t) => !t.skipped).length,
      failed: tests.filter((t) => !t.passed && !t.skipped).length,
      skipped: tests.filter((t) => t.skipped).length,
    },
    totalResponseMs,
    averageResponseMs: answered.length ? totalResponseMs / answered.length : 0,
  }
}

/** Every failure in run order: request errors, script errors, failed tests, and a failed status where nothing was tested. */
export function runReportFailures(report: RunReport): RunFailure[] {
  const failures: RunFailure[] = []
  report.steps.forEach((step, index) => {
    const base = { iteration: step.iteration, step: index, request: step.name, path: step.path }
    const push = (kind: RunFailure['kind'], name: string, message: string) =>
      failures.push({ number: failures.length + 1, ...base, kind, name, message })
    const { record } = step
    if (record.error) push('request', record.error.code, record.error.message)
    for (const error of record.scripts?.errors ?? [])
      push(
        'script',
        error.origin.phase === 'prerequest' ? 'pre-request script' : 'test script',
        `${error.message}${error.line ? ` (line ${error.line})` : ''}`,
      )
    const tests = record.scripts?.tests ?? []
    for (const test of tests) if (!test.passed && !test.skipped) push('assertion', test.name, test.error ?? 'failed')
    const reported = failures.some((f) => f.step === index)
    if (!step.passed && !reported)
      push(
        'status',
        `${record.status ?? ''} ${record.statusText}`.trim(),
        'The request has no tests and answered 400 or more.',
      )
  })
  return failures
}
