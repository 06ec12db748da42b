import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Pair } from '@courier/shared'

export type MultipartSource =
  | { kind: 'text'; name: string; value: string; filename?: string; contentType?: string; headers: Pair[] }
  | {
      kind: 'file'
      name: string
      filename: string
      contentType: string
      headers: Pair[]
      size: number
      open: () => Readable
    }

export type EncodedMultipart = {
  contentType: string
  /** Exact byte length, known before sending, so the body goes with a Content-Length. */
  size: number
  /** A fresh stream of the whole body each call (redirects and retries replay it). */
  stream: () => Readable
  /** The body as text with file contents elided, for "request as sent". */
  preview: string
}

const CRLF = '\r\n'

/** WHATWG HTML "multipart/form-data encoding algorithm": escape CR, LF and `"` in names. */
function escapeQuoted(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')
}

export function newBoundary(): string {
  return `----CourierBoundary${randomBytes(12).toString('hex')}`
}

function partHead(boundary: string, part: MultipartSource): string {
  let head = `--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeQuoted(part.name)}"`
  const filename = part.kind === 'file' ? part.filename : part.filename
  if (filename !== undefined) head += `; filename="${escapeQuoted(filename)}"`
  head += CRLF
  // Like Python requests: a text part carries a Content-Type only when one was given.
  const contentType = part.kind === 'file' ? part.contentType || 'application/octet-stream' : part.contentType
  if (contentType) head += `Content-Type: ${contentType}${CRLF}`
  for (const [name, value] of part.headers) head += `${name}: ${value}${CRLF}`
  return head + CRLF
}

/**
 * Encodes form fields and files as multipart/form-data (RFC 7578). File parts stream from disk,
 * so a 100 MB upload never sits in memory; lengths are summed up front.
 */
export function encodeMultipart(parts: readonly MultipartSource[], boundary = newBoundary()): EncodedMultipart {
  const heads = parts.map((part) => Buffer.from(partHead(boundary, part), 'utf8'))
  const texts = parts.map((part) => (part.kind === 'text' ? Buffer.from(part.value, 'utf8') : null))
  const closing = Buffer.from(`--${boundary}--${CRLF}`, 'utf8')
  const newline = Buffer.from(CRLF, 'utf8')

  let size = closing.length
  parts.forEach((part, index) => {
    size += heads[index]!.length + (texts[index]?.length ?? (part.kind === 'file' ? part.size : 0)) + newline.length
  })

  async function* generate(): AsyncGenerator<Buffer> {
    for (const [index, part] of parts.entries()) {
      yield heads[index]!
      if (part.kind === 'text') yield texts[index]!
      else for await (const chunk of part.open()) yield chunk as Buffer
      yield newline
    }
    yield closing
  }

  const preview = parts
    .map((part, index) => {
      const body = part.kind === 'text' ? part.value.slice(0, 1024) : `<file ${part.filename}, ${part.size} bytes>`
      return heads[index]!.toString('utf8') + body + CRLF
    })
    .join('')
    .concat(closing.toString('utf8'))
    .slice(0, 4096)

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    size,
    stream: () => Readable.from(generate(), { objectMode: false }),
    preview,
  }
}
