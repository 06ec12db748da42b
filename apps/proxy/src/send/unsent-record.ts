import { ResponseRecordSchema, type ResponseRecord } from '@courier/shared'

/**
 * The record of a request that never went on the wire (refused before sending, or skipped by a
 * script): no status, no answer, what was meant to be sent, and why.
 */
export function unsentRecord(what: {
  id: string
  method: string
  url: string
  notes?: string[]
  error: ResponseRecord['error']
}): ResponseRecord {
  return ResponseRecordSchema.parse({
    id: what.id,
    ok: false,
    startedAt: new Date().toISOString(),
    status: null,
    statusText: '',
    httpVersion: null,
    headers: [],
    sizes: { headers: 0, bodyWire: 0, body: 0 },
    timing: { total: 0 },
    body: null,
    request: { method: what.method, url: what.url, headers: [], bodySize: 0 },
    hops: [],
    attempts: [],
    cookies: [],
    notes: what.notes ?? [],
    insecure: false,
    error: what.error,
  })
}
