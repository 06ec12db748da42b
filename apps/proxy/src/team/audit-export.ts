import type { AuditEntry } from '@courier/shared'
import { lazy } from '../lazy.js'
import type { AuditStore } from '../storage/audit-store.js'

/** The CSV writer lives with the other converters, loaded on the first export. */
const converters = lazy(() => import('@courier/shared/convert'))

const PAGE = 500

async function* entries(audit: AuditStore, workspaceId: string): AsyncGenerator<AuditEntry> {
  let before: string | undefined
  for (;;) {
    const page = await audit.list(workspaceId, { before, limit: PAGE })
    yield* page.items
    if (!page.nextCursor) return
    before = page.nextCursor
  }
}

/** A workspace's whole audit log, newest first, as CSV lines or a JSON array, a page at a time. */
export async function* auditExport(
  audit: AuditStore,
  workspaceId: string,
  format: 'csv' | 'json',
): AsyncGenerator<string> {
  if (format === 'csv') {
    const { auditCsvHeader, auditCsvLine } = await converters()
    yield auditCsvHeader()
    for await (const entry of entries(audit, workspaceId)) yield auditCsvLine(entry)
    return
  }
  let first = true
  yield '['
  for await (const entry of entries(audit, workspaceId)) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`
    first = false
  }
  yield '\n]\n'
}
