import type { MultipartPart, RequestBody, Row } from '../../request-spec.js'
import type { ImportBuilder } from '../import-builder.js'
import { isRecord, str } from '../parse-document.js'
import { exampleFromSchema, exampleOf, exampleText } from './example-from-schema.js'

type Obj = Record<string, unknown>

function formBody(schema: unknown, multipart: boolean): RequestBody {
  const props = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {}
  if (!multipart)
    return {
      kind: 'form',
      fields: Object.entries(props).map(([name, p]): Row => [name, exampleText(exampleFromSchema(p)), true]),
    }
  const parts: MultipartPart[] = Object.entries(props).map(([name, p]): MultipartPart => {
    const binary = isRecord(p) && (p.format === 'binary' || p.type === 'file' || p.contentMediaType !== undefined)
    return binary
      ? { kind: 'file', name, enabled: true, file: null, headers: [] }
      : { kind: 'text', name, value: exampleText(exampleFromSchema(p)), enabled: true, headers: [] }
  })
  return { kind: 'multipart', parts }
}

export function requestBody(
  content: Obj,
  where: string,
  builder: ImportBuilder,
): { body: RequestBody; contentType?: string } {
  const types = Object.keys(content)
  if (types.length === 0) return { body: { kind: 'none' } }
  const pick =
    types.find((t) => /json/i.test(t)) ??
    types.find((t) => /x-www-form-urlencoded|multipart\/form-data/i.test(t)) ??
    types[0]!
  if (types.length > 1)
    builder.skip(
      where,
      `body types ${types.filter((t) => t !== pick).join(', ')}`,
      `The request accepts several body types; ${pick} was used.`,
    )
  const media = isRecord(content[pick]) ? (content[pick] as Obj) : {}
  if (/json/i.test(pick)) {
    const example = exampleOf(media)
    return {
      body: { kind: 'json', text: example === null || example === undefined ? '' : JSON.stringify(example, null, 2) },
      ...(/^application\/json$/i.test(pick) ? {} : { contentType: pick }),
    }
  }
  if (/x-www-form-urlencoded/i.test(pick)) return { body: formBody(media.schema, false) }
  if (/multipart\/form-data/i.test(pick)) return { body: formBody(media.schema, true) }
  if (/octet-stream|^image\/|^audio\/|^video\/|pdf/i.test(pick)) {
    builder.skip(where, 'binary body', 'Choose the file to send in the Body tab.')
    return { body: { kind: 'binary', file: null, contentType: pick } }
  }
  const example = exampleOf(media)
  return { body: { kind: 'raw', text: typeof example === 'string' ? example : '', contentType: pick } }
}

/** Swagger 2: `in: body` and `in: formData` parameters make the body. */
export function swaggerBody(params: Obj[], consumes: string[]): { body: RequestBody; contentType?: string } {
  const bodyParam = params.find((p) => p.in === 'body')
  if (bodyParam) {
    const example = exampleOf({ ...bodyParam, schema: bodyParam.schema })
    const json = consumes.length === 0 || consumes.some((c) => /json/i.test(c))
    if (json) return { body: { kind: 'json', text: example === null ? '' : JSON.stringify(example, null, 2) } }
    return {
      body: { kind: 'raw', text: typeof example === 'string' ? example : '', contentType: consumes[0] ?? 'text/plain' },
    }
  }
  const form = params.filter((p) => p.in === 'formData')
  if (form.length === 0) return { body: { kind: 'none' } }
  const properties = Object.fromEntries(form.map((p) => [str(p.name), p]))
  return {
    body: formBody({ properties }, form.some((p) => p.type === 'file') || consumes.some((c) => /multipart/i.test(c))),
  }
}
