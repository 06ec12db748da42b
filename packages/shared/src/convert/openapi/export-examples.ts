import type { Example } from '../../examples.js'
import { isSecretHeader } from '../../http-rules.js'

type Obj = Record<string, unknown>

/** Answer headers an OpenAPI response does not describe as headers (the media type says the type). */
const NOT_RESPONSE_HEADERS = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'set-cookie',
])

const isJson = (type: string) => /^application\/(.+\+)?json\b/i.test(type)

/** A JSON body as its value (what OpenAPI tools show and validate), anything else as its text. */
function valueOf(body: string, type: string): unknown {
  if (!isJson(type)) return body
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

/**
 * A request's saved examples as an operation's `responses`: one response per status (its
 * description the first example's reason), one media type per Content-Type, each example named as
 * Courier shows it without the status the importer puts in front again (so an export imports back
 * with the same names), its other headers as response headers (secret ones without a value).
 * No examples: one `default` response, left for the author.
 */
export function responsesOf(examples: readonly Example[]): Obj {
  if (examples.length === 0) return { default: { description: 'Not documented yet.' } }
  const responses: Record<string, Obj> = {}
  for (const example of examples) {
    const code = String(example.status)
    const response = (responses[code] ??= { description: example.statusText || example.name || `Status ${code}` })
    const type = example.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] || 'text/plain'
    for (const [name, value] of example.headers) {
      if (NOT_RESPONSE_HEADERS.has(name.toLowerCase())) continue
      const headers = (response.headers ??= {}) as Obj
      headers[name] ??= { schema: { type: 'string' }, ...(isSecretHeader(name) ? {} : { example: value }) }
    }
    const content = (response.content ??= {}) as Record<string, { examples: Obj }>
    const media = (content[type] ??= { examples: {} })
    const base = example.name.startsWith(`${code} `) ? example.name.slice(code.length + 1) : example.name
    let key = base || 'example'
    for (let n = 2; key in media.examples; n++) key = `${base || 'example'} ${n}`
    media.examples[key] = { value: valueOf(example.body, type) }
  }
  return responses
}
