import type { RequestBody } from '@courier/shared'
import { headerValueProblem, isHeaderNameValid } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { FileSource } from '../ports/file-source.js'
import type { OutgoingBody } from './exchange.js'
import { encodeMultipart, type MultipartSource } from './multipart.js'

export type FileBody = { body: OutgoingBody; size: number; contentType: string | null; preview?: string }

async function sizeOf(files: FileSource, fileId: string, field: string): Promise<number> {
  const size = await files.size(fileId)
  if (size === undefined) {
    throw new CourierError('FILE_NOT_FOUND', 'The attached file is no longer on the Courier server; choose it again.', {
      field,
      phase: 'validate',
    })
  }
  return size
}

function validatePartHeaders(headers: readonly (readonly [string, string])[], field: string): void {
  headers.forEach(([name, value], index) => {
    if (!isHeaderNameValid(name))
      throw new CourierError('HEADER_INVALID', `The part header name "${name.slice(0, 60)}" is not valid.`, {
        field: `${field}.headers[${index}].name`,
        phase: 'validate',
      })
    if (headerValueProblem(value))
      throw new CourierError('HEADER_INVALID', `The part header ${name} contains characters HTTP does not allow.`, {
        field: `${field}.headers[${index}].value`,
        phase: 'validate',
      })
  })
}

/** ` (the collection names x.csv, which was not read)` for a file an imported collection named. */
function notRead(source: string | undefined): string {
  return source ? ` (the collection names ${source.slice(0, 200)}, which was not read)` : ''
}

/** Builds multipart and binary bodies from uploaded files, streaming them from the file store. */
export async function buildFileBody(body: RequestBody, files: FileSource): Promise<FileBody> {
  if (body.kind === 'binary') {
    if (!body.file)
      throw new CourierError('BODY_INVALID', `Choose a file to send as the body${notRead(body.source)}.`, {
        field: 'body.file',
        phase: 'validate',
      })
    const { fileId } = body.file
    const size = await sizeOf(files, fileId, 'body.file')
    return {
      body: () => files.open(fileId),
      size,
      contentType: body.contentType || body.file.contentType || 'application/octet-stream',
    }
  }
  if (body.kind !== 'multipart') throw new Error(`not a file body: ${body.kind}`)

  const sources: MultipartSource[] = []
  for (const [index, part] of body.parts.entries()) {
    if (!part.enabled || (part.name === '' && (part.kind === 'file' || part.value === ''))) continue
    const field = `body.parts[${index}]`
    validatePartHeaders(part.headers, field)
    if (part.kind === 'text') {
      sources.push({
        kind: 'text',
        name: part.name,
        value: part.value,
        filename: part.filename,
        contentType: part.contentType,
        headers: part.headers,
      })
    } else {
      if (!part.file)
        throw new CourierError('BODY_INVALID', `Choose a file for the part "${part.name}"${notRead(part.source)}.`, {
          field: `${field}.file`,
          phase: 'validate',
        })
      const { fileId } = part.file
      const size = await sizeOf(files, fileId, `${field}.file`)
      sources.push({
        kind: 'file',
        name: part.name,
        filename: part.filename ?? part.file.filename,
        contentType: part.contentType || part.file.contentType,
        headers: part.headers,
        size,
        open: () => files.open(fileId),
      })
    }
  }
  const encoded = encodeMultipart(sources)
  return { body: encoded.stream, size: encoded.size, contentType: encoded.contentType, preview: encoded.preview }
}
