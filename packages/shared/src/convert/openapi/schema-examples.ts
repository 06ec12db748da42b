import type { Example } from '../../examples.js'
import { ImportBuilder } from '../import-builder.js'
import { isRecord, str } from '../parse-document.js'
import { exampleFromSchema } from './example-from-schema.js'
import { parseSpecText } from './parse-spec-text.js'
import { resolveRefs } from './resolve-refs.js'

type Obj = Record<string, unknown>

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/**
 * Examples made from an OpenAPI 3.x / Swagger 2 document's response schemas, for a mock server:
 * one per documented response whose schema is known (JSON media types), keyed by
 * `METHOD /path/{param}` as written in `paths`. The importer keeps only what a spec wrote down;
 * a mock needs an answer for every operation, so it takes these where the spec gave none.
 * Only the document's own `#/…` refs are followed.
 */
export async function schemaExamples(text: string): Promise<Map<string, Example[]>> {
  const parsed = parseSpecText(text)
  const out = new Map<string, Example[]>()
  if (!isRecord(parsed)) return out
  const { doc } = await resolveRefs(parsed, undefined, new ImportBuilder('openapi', 'OpenAPI'), 'API')
  const swagger = doc.swagger !== undefined
  const paths = isRecord(doc.paths) ? doc.paths : {}
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue
    for (const method of METHODS) {
      const op = pathItem[method]
      if (!isRecord(op) || !isRecord(op.responses)) continue
      const examples: Example[] = []
      for (const [code, response] of Object.entries(op.responses)) {
        if (!isRecord(response)) continue
        const status = /^[1-5]\d\d$/.test(code) ? Number(code) : code === 'default' ? 500 : 200
        const reason = str(response.description).split('\n')[0]!.slice(0, 200)
        const media: [string, unknown][] = swagger
          ? response.schema !== undefined
            ? [['application/json', response.schema]]
            : []
          : isRecord(response.content)
            ? Object.entries(response.content as Obj)
                .filter(([, m]) => isRecord(m) && m.schema !== undefined)
                .map(([type, m]) => [type, (m as Obj).schema])
            : []
        const json = media.find(([type]) => /json/i.test(type)) ?? media[0]
        if (!json) {
          if (isRecord(response) && !isRecord(response.content) && /^2\d\d$/.test(code))
            examples.push({
              name: `${code} ${reason || 'empty'}`.slice(0, 500),
              status,
              statusText: reason,
              headers: [],
              body: '',
            })
          continue
        }
        const value = exampleFromSchema(json[1])
        examples.push({
          name: `${code} ${json[0]} (from the schema)`.slice(0, 500),
          status,
          statusText: code === 'default' ? `default: ${reason}`.slice(0, 200) : reason,
          headers: [['Content-Type', json[0]]],
          body: typeof value === 'string' && !/json/i.test(json[0]) ? value : JSON.stringify(value, null, 2),
        })
      }
      if (examples.length) out.set(`${method.toUpperCase()} ${path}`, examples)
    }
  }
  return out
}
