import {
  formatBytes,
  runReportFailures,
  runReportStats,
  type RunFailure,
  type RunReport,
  type RunStats,
  type RunStep,
} from '@courier/shared'

export type Paint = {
  ok(text: string): string
  bad(text: string): string
  dim(text: string): string
  bold(text: string): string
}

export function paint(color: boolean): Paint {
  const wrap = (code: string) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text)
  return { ok: wrap('32'), bad: wrap('31'), dim: wrap('90'), bold: wrap('1') }
}

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms)}ms`
}

/** One request step as newman prints it: its name, the method and URL with status, size and time, ✓/✗ per test. */
export function formatStep(step: RunStep, failures: readonly RunFailure[], p: Paint): string[] {
  const { record } = step
  const folder = step.path.split('/').slice(1).join(' / ')
  const lines = [`${p.bold(`→ ${step.name}`)}${folder ? p.dim(`  (${folder})`) : ''}`]
  const answer = record.scripts?.skipped
    ? p.dim('[skipped by a pre-request script]')
    : record.error
      ? p.bad(`[${record.error.code}: ${record.error.message}]`)
      : `[${(step.passed ? (s: string) => s : p.bad)(`${record.status} ${record.statusText}`.trim())}, ${formatBytes(record.sizes.body)}, ${duration(record.timing.total)}]`
  lines.push(`  ${step.method} ${step.url} ${answer}`)
  const numberOf = (kind: RunFailure['kind'], name: string) =>
    failures.find((f) => f.kind === kind && f.name === name && !used.has(f.number))
  const used = new Set<number>()
  const numbered = (kind: RunFailure['kind'], name: string) => {
    const failure = numberOf(kind, name)
    if (failure) used.add(failure.number)
    return failure ? `${failure.number}. ` : ''
  }
  for (const error of record.scripts?.errors ?? []) {
    const phase = error.origin.phase === 'prerequest' ? 'pre-request script' : 'test script'
    lines.push(
      p.bad(`  ✗ ${numbered('script', phase)}${phase}${error.line ? ` line ${error.line}` : ''}: ${error.message}`),
    )
  }
  for (const test of record.scripts?.tests ?? []) {
    if (test.skipped) lines.push(p.dim(`  - ${test.name} (skipped)`))
    else if (test.passed) lines.push(`  ${p.ok('✓')} ${test.name}`)
    else
      lines.push(
        `  ${p.bad(`✗ ${numbered('assertion', test.name)}${test.name}`)}${test.error ? p.dim(` — ${test.error}`) : ''}`,
      )
  }
  return lines
}

/** newman's summary table: executed and failed per kind, then the run's duration and the average response time. */
export function formatSummary(stats: RunStats, durationMs: number, p: Paint): string[] {
  const rows: [string, { executed: number; failed: number }][] = [
    ['iterations', stats.iterations],
    ['requests', stats.requests],
    ['test-scripts', stats.testScripts],
    ['prerequest-scripts', stats.prerequestScripts],
    ['assertions', stats.assertions],
  ]
  const w = [20, 10, 10]
  const cells = (a: string, b: string, c: string) => `│ ${a.padStart(w[0]!)} │ ${b.padStart(w[1]!)} │ ${c} │`
  const line = (l: string, m: string, r: string) =>
    `${l}${'─'.repeat(w[0]! + 2)}${m}${'─'.repeat(w[1]! + 2)}${m}${'─'.repeat(w[2]! + 2)}${r}`
  const inner = w[0]! + w[1]! + w[2]! + 6
  const wide = (text: string) => `│ ${text.padEnd(inner)} │`
  return [
    line('┌', '┬', '┐'),
    cells('', 'executed', 'failed'.padStart(w[2]!)),
    line('├', '┼', '┤'),
    ...rows.map(([name, c]) =>
      cells(name, String(c.executed), (c.failed ? p.bad : (s: string) => s)(String(c.failed).padStart(w[2]!))),
    ),
    line('├', '┴', '┤'),
    wide(`total run duration: ${duration(durationMs)}`),
    wide(`average response time: ${duration(stats.averageResponseMs)}`),
    `└${'─'.repeat(inner + 2)}┘`,
  ]
}

/** The failures at the end, numbered as they were marked above. */
export function formatFailures(failures: readonly RunFailure[], iterations: number, p: Paint): string[] {
  if (failures.length === 0) return []
  const lines = ['', p.bold('  #  failure'), '']
  for (const f of failures) {
    const where = `inside “${f.path.split('/').slice(1).concat(f.request).join(' / ')}”${iterations > 1 ? `, iteration ${f.iteration + 1}` : ''}`
    const label =
      f.kind === 'assertion'
        ? 'AssertionError'
        : f.kind === 'script'
          ? 'ScriptError'
          : f.kind === 'request'
            ? 'RequestError'
            : 'StatusError'
    lines.push(
      `${`${f.number}.`.padStart(4)}  ${p.bad(label)}  ${f.name}`,
      `       ${f.message}`,
      p.dim(`       ${where}`),
      '',
    )
  }
  return lines
}

/** The whole run as a terminal shows it: every step, the summary table and the numbered failures. */
export function formatRunReport(
  report: RunReport,
  options: { color: boolean; scripts?: { test: number; prerequest: number } },
): string {
  const p = paint(options.color)
  const failures = runReportFailures(report)
  const stats = runReportStats(report, options.scripts)
  const lines = [
    p.bold(report.collection),
    ...(report.environment ? [p.dim(`environment: ${report.environment}`)] : []),
    '',
  ]
  let shown = -1
  report.steps.forEach((step, index) => {
    if (report.iterations > 1 && step.iteration !== shown) {
      shown = step.iteration
      lines.push(p.dim(`Iteration ${step.iteration + 1}/${report.iterations}`), '')
    }
    lines.push(
      ...formatStep(
        step,
        failures.filter((f) => f.step === index),
        p,
      ),
      '',
    )
  })
  if (report.stoppedReason) lines.push(p.dim(report.stoppedReason), '')
  lines.push(...formatSummary(stats, report.durationMs, p), ...formatFailures(failures, report.iterations, p))
  return `${lines.join('\n')}\n`
}

/** The cli reporter as a run goes: each step printed when it ends, failures numbered as they come, the summary at the end. */
export function createCliReporter(write: (text: string) => void, options: { color: boolean; iterations: number }) {
  const p = paint(options.color)
  let started = false
  let shown = -1
  let numbered = 0
  return {
    onStep(step: RunStep) {
      if (!started) {
        started = true
        write(`${p.bold(step.path.split('/')[0] ?? '')}\n\n`)
      }
      if (options.iterations > 1 && step.iteration !== shown) {
        shown = step.iteration
        write(`${p.dim(`Iteration ${step.iteration + 1}/${options.iterations}`)}\n\n`)
      }
      const one: RunReport = {
        collection: '',
        environment: null,
        iterations: 1,
        state: 'finished',
        steps: [step],
        passed: 0,
        failed: 0,
        durationMs: 0,
      }
      const failures = runReportFailures(one).map((f) => ({ ...f, number: f.number + numbered }))
      numbered += failures.length
      write(`${formatStep(step, failures, p).join('\n')}\n\n`)
    },
    finish(report: RunReport, scripts?: { test: number; prerequest: number }) {
      const lines = report.stoppedReason ? [p.dim(report.stoppedReason), ''] : []
      if (!started) lines.push(p.bold(report.collection), '', p.dim('No request ran.'), '')
      lines.push(
        ...formatSummary(runReportStats(report, scripts), report.durationMs, p),
        ...formatFailures(runReportFailures(report), report.iterations, p),
      )
      write(`${lines.join('\n')}\n`)
    },
  }
}
