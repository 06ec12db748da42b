import type { RunReport } from '../runs.js'
import { escapeMarkup as x, seconds } from './escape.js'

/**
 * newman's JUnit shape: `<testsuites>` for the run, a `<testsuite>` per request sent (per
 * iteration), a `<testcase>` per test with a `<failure>` when it failed, and an `<error>` case for
 * a request that got no answer or a script that did not finish. CI servers read it as is.
 */
export function runReportJunit(report: RunReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  const allTests = report.steps.reduce((n, s) => n + (s.record.scripts?.tests.length ?? 0), 0)
  lines.push(`<testsuites name="${x(report.collection)}" tests="${allTests}" time="${seconds(report.durationMs)}">`)
  report.steps.forEach((step, index) => {
    const { record } = step
    const tests = record.scripts?.tests ?? []
    const errors = [
      ...(record.error ? [{ type: record.error.code, message: record.error.message }] : []),
      ...(record.scripts?.errors ?? []).map((e) => ({
        type: e.origin.phase === 'prerequest' ? 'PrerequestScriptError' : 'TestScriptError',
        message: `${e.message}${e.line ? ` (line ${e.line})` : ''}`,
      })),
    ]
    const failures = tests.filter((t) => !t.passed && !t.skipped).length
    const time = seconds(record.timing.total)
    const suiteName = `${step.path.split('/').slice(1).concat(step.name).join(' / ')}${report.iterations > 1 ? ` (iteration ${step.iteration + 1})` : ''}`
    lines.push(
      `  <testsuite name="${x(suiteName)}" id="${x(step.itemId ?? String(index))}" timestamp="${x(record.startedAt)}" tests="${tests.length + errors.length}" failures="${failures}" errors="${errors.length}" skipped="${tests.filter((t) => t.skipped).length}" time="${time}">`,
    )
    const classname = x(
      `${report.collection}${step.path
        .split('/')
        .slice(1)
        .map((p) => `.${p}`)
        .join('')}`,
    )
    for (const test of tests) {
      const open = `    <testcase name="${x(test.name)}" time="${time}" classname="${classname}"`
      if (test.skipped) lines.push(`${open}>`, '      <skipped/>', '    </testcase>')
      else if (test.passed) lines.push(`${open}/>`)
      else
        lines.push(
          `${open}>`,
          `      <failure type="AssertionFailure" message="${x(test.error ?? 'failed')}">${x(test.error ?? 'failed')}</failure>`,
          '    </testcase>',
        )
    }
    for (const error of errors)
      lines.push(
        `    <testcase name="${x(error.type)}" time="${time}" classname="${classname}">`,
        `      <error type="${x(error.type)}" message="${x(error.message)}">${x(error.message)}</error>`,
        '    </testcase>',
      )
    lines.push('  </testsuite>')
  })
  lines.push('</testsuites>', '')
  return lines.join('\n')
}
