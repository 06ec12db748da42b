import type { AuditEntry } from '../../team.js'
import { cell } from '../history/export-history.js'

const COLUMNS = ['id', 'at', 'userId', 'workspaceId', 'action', 'target', 'detail'] as const

/** The audit log's CSV header line (RFC 4180, CRLF). */
export function auditCsvHeader(): string {
  return `${COLUMNS.join(',')}\r\n`
}

/** One audit entry as a CSV line; `detail` is its JSON, formula-looking text defused like history's. */
export function auditCsvLine(entry: AuditEntry): string {
  const values = [entry.id, entry.at, entry.userId, entry.workspaceId, entry.action, entry.target]
  return `${[...values.map(cell), cell(JSON.stringify(entry.detail))].join(',')}\r\n`
}
