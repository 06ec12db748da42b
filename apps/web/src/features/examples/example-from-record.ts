import type { Example, ResponseRecord } from '@courier/shared'

/** Bodies above this are not kept in an example (the request spec's limit is 16 MB; an example is for reading). */
const MAX_EXAMPLE_BODY = 1024 * 1024

/**
 * A response as a saved example: its status, headers and body text, and the request that got it.
 * The body comes inline when the record has it, else from its stored bytes; a binary or
 * truncated body is left out with a note in its place.
 */
export async function exampleFromRecord(record: ResponseRecord, name: string): Promise<Example> {
  let body = ''
  const descriptor = record.body
  if (descriptor && descriptor.isText && descriptor.size <= MAX_EXAMPLE_BODY) {
    body = descriptor.inline ?? (await (await fetch(descriptor.url)).text())
  } else if (descriptor && descriptor.size > 0) {
    body = descriptor.isText
      ? `(The body, ${descriptor.size} bytes, is larger than an example keeps.)`
      : `(A binary body of ${descriptor.size} bytes is not kept in an example.)`
  }
  return {
    name,
    status: record.status ?? 200,
    statusText: record.statusText,
    headers: record.headers,
    body,
    request: { method: record.request.method, url: record.request.url, headers: [], body: '' },
  }
}

/** A name not yet used among `examples`: “200 OK”, then “200 OK (2)”… */
export function freshExampleName(record: ResponseRecord, examples: readonly Example[]): string {
  const base = `${record.status ?? ''} ${record.statusText}`.trim() || 'Example'
  const names = new Set(examples.map((e) => e.name))
  if (!names.has(base)) return base
  let n = 2
  while (names.has(`${base} (${n})`)) n++
  return `${base} (${n})`
}
