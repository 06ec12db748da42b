import type { ReceivedRequest } from './upstream.js'

/** What a source file says goes on the wire, in the terms the comparison needs. */
export type ExpectedSend = {
  method: string
  path: string
  /** Decoded query pairs, order free (a server reads them as a multiset). */
  query: [string, string][]
  /** Header lines the source names (names case-free); only these are checked. */
  headers: [string, string][]
  /** The Content-Type's media type, when the body has one. */
  mediaType?: string
  body?:
    | { kind: 'text'; text: string }
    | { kind: 'form'; fields: [string, string][] }
    | { kind: 'multipart'; parts: { name: string; value: string; filename?: string; contentType?: string }[] }
}

export function header(received: ReceivedRequest, name: string): string | undefined {
  return received.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]
}

const sortPairs = (pairs: [string, string][]) => [...pairs].map((p) => p.join('\u0000')).sort()

/** Parts of a multipart/form-data body, split on the boundary its Content-Type names. */
export function multipartParts(received: ReceivedRequest) {
  const boundary = /boundary=("?)([^";]+)\1/.exec(header(received, 'content-type') ?? '')?.[2]
  if (!boundary) return null
  const text = received.body.toString('latin1')
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const raw = chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')
      const split = raw.indexOf('\r\n\r\n')
      const head = raw.slice(0, split)
      const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? ''
      const contentType = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]
      return {
        name: /name="([^"]*)"/.exec(disposition)?.[1] ?? '',
        filename: /filename="([^"]*)"/.exec(disposition)?.[1],
        contentType,
        value: Buffer.from(raw.slice(split + 4), 'latin1').toString('utf8'),
      }
    })
}

/** Every way the received request differs from what the source says; empty when they agree. */
export function wireDifferences(expected: ExpectedSend, received: ReceivedRequest): string[] {
  const out: string[] = []
  if (received.method !== expected.method) out.push(`method ${received.method} ≠ ${expected.method}`)
  const url = new URL(received.url, 'http://x')
  if (url.pathname !== expected.path) out.push(`path ${url.pathname} ≠ ${expected.path}`)
  const query = [...url.searchParams.entries()] as [string, string][]
  if (JSON.stringify(sortPairs(query)) !== JSON.stringify(sortPairs(expected.query)))
    out.push(`query ${JSON.stringify(query)} ≠ ${JSON.stringify(expected.query)}`)
  for (const [name, value] of expected.headers) {
    const got = received.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v)
    if (!got.includes(value)) out.push(`header ${name}: ${JSON.stringify(got)} ≠ ${JSON.stringify(value)}`)
  }
  if (expected.mediaType) {
    const type = (header(received, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== expected.mediaType.toLowerCase()) out.push(`content-type ${type} ≠ ${expected.mediaType}`)
  }
  const body = expected.body
  if (!body) {
    if (received.body.length) out.push(`body of ${received.body.length} bytes where none was expected`)
  } else if (body.kind === 'text') {
    if (received.body.toString('utf8') !== body.text)
      out.push(`body ${JSON.stringify(received.body.toString('utf8'))} ≠ ${JSON.stringify(body.text)}`)
  } else if (body.kind === 'form') {
    const fields = [...new URLSearchParams(received.body.toString('utf8')).entries()] as [string, string][]
    if (JSON.stringify(fields) !== JSON.stringify(body.fields))
      out.push(`form ${JSON.stringify(fields)} ≠ ${JSON.stringify(body.fields)}`)
  } else {
    const parts = multipartParts(received)
    if (!parts) out.push('no multipart boundary')
    else {
      const got = parts.map((p) => ({ name: p.name, value: p.value, filename: p.filename, contentType: p.contentType }))
      const want = body.parts.map((p) => ({
        name: p.name,
        value: p.value,
        filename: p.filename,
        contentType: p.contentType,
      }))
      if (JSON.stringify(got) !== JSON.stringify(want))
        out.push(`parts ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`)
    }
  }
  return out
}
