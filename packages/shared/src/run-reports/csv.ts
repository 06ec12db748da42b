import type { RunReport } from '../runs.js'

export const RUN_CSV_COLUMNS = [
  'iteration',
  'collection',
  'request',
  'method',
  'url',
  'status',
  'code',
  'responseTime',
  'responseSize',
  'executed',
  'failed',
  'skipped',
] as const

/** RFC 4180: quoted when it holds a comma, a quote or a line break. */
function cell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A row per request step (newman-reporter-csv's columns): the iteration (1-based), where it is,
 * what answered (status text, code; the error code when nothing did), the time in ms, the body's
 * size in bytes, and the tests executed, failed and skipped, as a spreadsheet opens it.
 */
export function runReportCsv(report: RunReport): string {
  const rows = report.steps.map((step) => {
    const { record } = step
    const tests = record.scripts?.tests ?? []
    const skipped = tests.filter((t) => t.skipped).length
    return [
      step.iteration + 1,
      report.collection,
      [...step.path.split('/').slice(1), step.name].join('/'),
      step.method,
      step.url,
      record.error ? record.error.code : record.statusText,
      record.status ?? '',
      Math.round(record.timing.total),
      record.sizes.body,
      tests.length - skipped,
      tests.filter((t) => !t.passed && !t.skipped).length,
      skipped,
    ]
      .map(cell)
      .join(',')
  })
  return `${[RUN_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`
}
