import type { HistoryEntry, RequestSpec, ResponseRecord } from '@courier/shared'
import type { BodyStore } from '../storage/body-store.js'
import { maskSecrets, type SecretValue } from './mask-secrets.js'
import { issuedSecrets, knownSecrets } from './known-secrets.js'
import { authSecretNames, redactRecord, redactSpec, redactUrl } from './redact.js'
import { searchTextFor } from './search-text.js'

/** The history entry for one send, with every secret masked (docs/security.md#what-is-masked-and-what-is-logged). */
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

/** What one send puts in history, and the text search indexes for it. */
export type HistoryRecord = { entry: HistoryEntry; searchText: string }

/**
 * The history entry and its search text for one send. The text is built from the entry as it is
 * stored (secret headers and parameters already masked), then every secret value the send carried
 * (`knownSecrets`) or a JSON body in that text hands out (`issuedSecrets`) is masked in both,
 * wherever it reappears: an upstream echoing the request, a
 * login answer, the first 64 KB of the body. `saved` is the request as typed, `sent` after
 * variables and auth, `record` the answer as received.
 */
export async function historyRecordFor(
  saved: RequestSpec,
  sent: RequestSpec,
  record: ResponseRecord,
  secretVariables: readonly { name: string; value: string }[],
  bodies: BodyStore,
): Promise<HistoryRecord> {
  const known = knownSecrets(
    sent,
    record,
    secretVariables.map((v) => v.value),
  )
  // Secret variables first read as `{{name}}`, so a header that only carried one stays readable.
  const unmasked = historyEntryFor(saved, maskSecrets(record, secretVariables))
  const text = await searchTextFor(unmasked.response, bodies)
  // A login answer's tokens (or a JSON request's password) are secrets too, found in that text.
  const secrets: SecretValue[] = [...secretVariables, ...known, ...issuedSecrets(text)]
  return { entry: maskSecrets(unmasked, secrets), searchText: maskSecrets(text, secrets) }
}
