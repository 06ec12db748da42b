import type { HistoryEntry, RequestSpec, ResponseRecord } from '@courier/shared'
import { authSecretNames, redactRecord, redactSpec, redactUrl } from './redact.js'

/** The history entry for one send, with every secret masked (SECURITY.md S13, H-15). */
export function historyEntryFor(spec: RequestSpec, record: ResponseRecord): HistoryEntry {
  const secrets = authSecretNames(spec.auth)
  const response = redactRecord(record, secrets)
  return {
    id: record.id,
    createdAt: record.startedAt,
    method: record.request.method,
    url: redactUrl(record.hops[0]?.request.url ?? record.request.url, secrets),
    status: record.status,
    errorCode: record.error?.code ?? null,
    durationMs: record.timing.total,
    size: record.sizes.body,
    request: redactSpec(spec),
    response,
  }
}
