import type { ResponseRecord } from '@courier/shared'
import type { BodyStore } from '../storage/body-store.js'

const BODY_TEXT = 64 * 1024

/**
 * What full-text search looks in for one exchange: the request (method, URL, headers, body
 * preview), the response headers and the first 64 KB of a textual body. Give it the record as
 * history stores it; historyRecordFor (record-exchange.ts) then masks every secret value the send
 * carried, so search never indexes a secret.
 */
export async function searchTextFor(record: ResponseRecord, bodies: BodyStore): Promise<string> {
  const parts = [
    record.request.method,
    record.request.url,
    ...record.request.headers.map(([name, value]) => `${name}: ${value}`),
    record.request.bodyPreview ?? '',
    record.statusText,
    ...record.headers.map(([name, value]) => `${name}: ${value}`),
  ]
  const body = record.body
  if (body?.isText) {
    parts.push(body.inline !== null ? body.inline.slice(0, BODY_TEXT) : await bodies.readText(record.id, BODY_TEXT))
  }
  if (record.error) parts.push(record.error.code, record.error.message)
  return parts.join('\n')
}
