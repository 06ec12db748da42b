import type { HistoryEntry } from '../../history.js'
import type { ExportFile } from '../export-file.js'

const COLUMNS = ['id', 'sentAt', 'method', 'url', 'status', 'error', 'durationMs', 'sizeBytes'] as const

/** One CSV cell (RFC 4180), with a leading ' on text a spreadsheet would run as a formula. */
export function cell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** History as CSV, one row per exchange (the summary), newest first as listed. */
export function exportHistoryCsv(entries: readonly HistoryEntry[]): ExportFile {
  const lines = [
    COLUMNS.join(','),
    ...entries.map((e) =>
      [e.id, e.createdAt, e.method, e.url, e.status, e.errorCode, e.durationMs, e.size].map(cell).join(','),
    ),
  ]
  return { filename: 'courier-history.csv', mediaType: 'text/csv', text: `${lines.join('\r\n')}\r\n`, notes: [] }
}

/** History as JSON: every entry whole (request as written, the record), secrets already masked by history. */
export function exportHistoryJson(entries: readonly HistoryEntry[], version: string): ExportFile {
  return {
    filename: 'courier-history.json',
    mediaType: 'application/json',
    text: `${JSON.stringify({ courier: version, exportedCount: entries.length, entries }, null, 2)}\n`,
    notes: [],
  }
}
