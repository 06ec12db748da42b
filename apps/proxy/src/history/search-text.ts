import type { ResponseRecord } from '@courier/shared'
import type { BodyStore } from '../storage/body-store.js'

const BODY_TEXT = 64 * 1024

/**
 * What full-text search looks in for one exchange: the request (method, URL, headers, body
 * preview), the response headers and the first 64 KB of a textual body. Built from the record
 * after secrets were masked, so search never indexes a secret.
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
    if (body.inline !== null) parts.push(body.inline.slice(0, BODY_TEXT))
    else {
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of bodies.read(record.id, { start: 0, end: BODY_TEXT - 1 })) {
        chunks.push(chunk as Buffer)
        size += (chunk as Buffer).length
        if (size >= BODY_TEXT) break
      }
      parts.push(Buffer.concat(chunks).toString('utf8'))
    }
  }
  if (record.error) parts.push(record.error.code, record.error.message)
  return parts.join('\n')
}
