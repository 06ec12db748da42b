import type { Example } from '../../examples.js'
import type { RequestSpecInput } from '../../request-spec.js'
import type { ImportBuilder } from '../import-builder.js'
import { isRecord, str } from '../parse-document.js'

type Obj = Record<string, unknown>

const MAX_EXAMPLES = 200

function bodyText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

/** `examples` (named, OpenAPI 3) or `example` of one media type, as [name, value] pairs. */
function namedExamples(media: Obj, where: string, builder: ImportBuilder): [string, unknown][] {
  const out: [string, unknown][] = []
  if (isRecord(media.examples))
    for (const [name, ex] of Object.entries(media.examples)) {
      if (!isRecord(ex)) continue
      if (ex.value !== undefined) out.push([str(ex.summary) || name, ex.value])
      else if (typeof ex.externalValue === 'string')
        builder.skip(
          where,
          `example “${name}”`,
          `Its value is at ${ex.externalValue.slice(0, 300)}, which an import does not fetch.`,
        )
    }
  if (out.length === 0 && media.example !== undefined) out.push(['example', media.example])
  // An example written on the media type's schema itself is the spec's example too (not one made up).
  if (out.length === 0 && isRecord(media.schema) && media.schema.example !== undefined)
    out.push(['example', media.schema.example])
  return out
}

/**
 * The spec's own examples as saved examples of the request: one per response status, media type
 * and named example (`examples` or `example`; Swagger 2's `examples` per MIME type). A request
 * body example with the same name as a response example is kept as that example's request.
 * Nothing is generated from schemas here; only what the spec wrote down.
 */
export function operationExamples(
  op: Obj,
  spec: RequestSpecInput,
  where: string,
  builder: ImportBuilder,
  swagger: boolean,
): Example[] {
  const out: Example[] = []
  const requestExamples = new Map<string, { body: string; contentType: string }>()
  if (!swagger && isRecord(op.requestBody) && isRecord(op.requestBody.content))
    for (const [type, media] of Object.entries(op.requestBody.content))
      if (isRecord(media))
        for (const [name, value] of namedExamples(media, where, builder))
          if (!requestExamples.has(name)) requestExamples.set(name, { body: bodyText(value), contentType: type })
  const used = new Set<string>()
  const responses = isRecord(op.responses) ? op.responses : {}
  for (const [code, response] of Object.entries(responses)) {
    if (!isRecord(response)) continue
    const status = /^[1-5]\d\d$/.test(code)
      ? Number(code)
      : code === 'default'
        ? 500
        : /^[1-5]XX$/i.test(code)
          ? Number(code[0]) * 100
          : 200
    const reason = str(response.description).split('\n')[0]!.slice(0, 200)
    if (isRecord(response.links) && Object.keys(response.links).length)
      builder.skip(
        where,
        `links ${Object.keys(response.links).join(', ')} (response ${code})`,
        'Links between operations are not kept; use a capture to pass values from one response to the next request.',
      )
    const media: [string, Obj][] = swagger
      ? isRecord(response.examples)
        ? Object.entries(response.examples).map(([type, value]) => [type, { example: value }])
        : []
      : isRecord(response.content)
        ? (Object.entries(response.content).filter(([, m]) => isRecord(m)) as [string, Obj][])
        : []
    for (const [type, m] of media)
      for (const [name, value] of namedExamples(m, where, builder)) {
        if (out.length >= MAX_EXAMPLES) break
        const request = requestExamples.get(name)
        if (request) used.add(name)
        out.push({
          name: `${code} ${name === 'example' ? type : name}`.slice(0, 500),
          status,
          statusText: code === 'default' ? `default: ${reason}`.slice(0, 200) : reason,
          headers: [['Content-Type', type]],
          body: bodyText(value),
          ...(request
            ? {
                request: {
                  method: spec.method ?? 'GET',
                  url: spec.url ?? '',
                  headers: [['Content-Type', request.contentType]],
                  body: request.body,
                },
              }
            : {}),
        })
      }
  }
  const unpaired = [...requestExamples.keys()].slice(1).filter((n) => !used.has(n))
  if (unpaired.length)
    builder.skip(
      where,
      `request body example${unpaired.length > 1 ? 's' : ''} ${unpaired.map((n) => `“${n}”`).join(', ')}`,
      'The first request example is the body; the others have no response example of the same name to be saved with.',
    )
  return out
}
