import { runReportCsv, runReportJson, runReportJunit, type RunReport } from '@courier/shared'
import { saveFile } from '../import-export'

export type RunExportFormat = 'json' | 'junit' | 'csv'

const FORMATS: Record<RunExportFormat, { write: (report: RunReport) => string; ext: string; mediaType: string }> = {
  json: { write: runReportJson, ext: 'json', mediaType: 'application/json' },
  junit: { write: runReportJunit, ext: 'xml', mediaType: 'application/xml' },
  csv: { write: runReportCsv, ext: 'csv', mediaType: 'text/csv' },
}

/** "shop-api-run-2026-12-02T10-00-00.json": the collection and when the run started, safe as a file name. */
export function runFileName(report: RunReport, format: RunExportFormat): string {
  const name =
    report.collection
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'run'
  const when = (report.startedAt ?? '').replace(/\.\d+Z$/, '').replace(/[:]/g, '-')
  return `${name}-run${when ? `-${when}` : ''}.${FORMATS[format].ext}`
}

/** Downloads the run as a report file, written by the contract's report functions (the CLI writes the same). */
export function exportRun(report: RunReport, format: RunExportFormat): void {
  const { write, mediaType } = FORMATS[format]
  saveFile({ filename: runFileName(report, format), mediaType, text: write(report), notes: [] })
}
