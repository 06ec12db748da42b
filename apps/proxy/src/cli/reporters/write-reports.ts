import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { runReportCsv, runReportHtml, runReportJson, runReportJunit, type RunReport } from '@courier/shared'
import type { ReporterName } from '../run-options.js'

type FileReporter = Exclude<ReporterName, 'cli'>

const RENDER: Record<FileReporter, { ext: string; render(report: RunReport): string }> = {
  json: { ext: 'json', render: runReportJson },
  junit: { ext: 'xml', render: runReportJunit },
  html: { ext: 'html', render: runReportHtml },
  csv: { ext: 'csv', render: runReportCsv },
}

/** newman's default file: ./newman/newman-run-report-2026-12-02-16-50-00-123-0.json. */
export function defaultReportPath(reporter: FileReporter, at: Date, cwd = process.cwd()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  const stamp = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}-${p(at.getHours())}-${p(at.getMinutes())}-${p(at.getSeconds())}-${p(at.getMilliseconds(), 3)}-0`
  return resolve(cwd, 'newman', `newman-run-report-${stamp}.${RENDER[reporter].ext}`)
}

/** Writes each file reporter's report (its export path, or newman's default); answers the paths written. */
export async function writeReports(
  report: RunReport,
  reporters: readonly ReporterName[],
  exports: Partial<Record<FileReporter, string>>,
  at = new Date(),
): Promise<string[]> {
  const written: string[] = []
  for (const name of reporters) {
    if (name === 'cli') continue
    const path = resolve(exports[name] ?? defaultReportPath(name, at))
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, RENDER[name].render(report))
    written.push(path)
  }
  return written
}
