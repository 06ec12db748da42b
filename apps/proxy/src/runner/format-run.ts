import type { RunReport } from '@courier/shared'

/** A line per step and a summary, as a terminal shows it. */
export function formatRun(result: RunReport, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const lines = [`Running ${result.collection}${result.environment ? ` with ${result.environment}` : ''}`, '']
  let shownIteration = -1
  for (const step of result.steps) {
    if (result.iterations > 1 && step.iteration !== shownIteration) {
      shownIteration = step.iteration
      lines.push(`${shownIteration > 0 ? '\n' : ''}Iteration ${step.iteration + 1}/${result.iterations}`)
    }
    const outcome = step.record.error
      ? step.record.error.code
      : `${step.record.status} ${step.record.statusText}`.trim()
    const mark = step.passed ? paint(32, '✓') : paint(31, '✗')
    lines.push(
      `${mark} ${step.method.padEnd(7)} ${step.name}  ${paint(step.passed ? 90 : 31, outcome)}  ${Math.round(step.record.timing.total)} ms`,
    )
    if (!step.passed && step.record.error) lines.push(`    ${step.record.error.message}`)
    for (const error of step.record.scripts?.errors ?? [])
      lines.push(
        paint(
          31,
          `    ✗ ${error.origin.phase === 'prerequest' ? 'pre-request' : 'test'} script${error.line ? ` line ${error.line}` : ''}: ${error.message}`,
        ),
      )
    for (const t of step.record.scripts?.tests ?? [])
      lines.push(
        t.skipped
          ? `    - ${t.name} (skipped)`
          : t.passed
            ? `    ${paint(32, '✓')} ${t.name}`
            : `    ${paint(31, '✗')} ${t.name}${t.error ? paint(90, ` — ${t.error}`) : ''}`,
      )
  }
  const tests = result.steps.flatMap((step) => step.record.scripts?.tests ?? []).filter((t) => !t.skipped)
  if (tests.length > 0) {
    const failedTests = tests.filter((t) => !t.passed).length
    lines.push('', `Tests: ${tests.length - failedTests} passed, ${failedTests} failed`)
  }
  if (result.stoppedReason) lines.push('', result.stoppedReason)
  lines.push('', `${result.passed} passed, ${result.failed} failed (${Math.round(result.durationMs)} ms)`)
  return lines.join('\n')
}
