import { isRecord } from '../parse-document.js'

const FORMATS: Record<string, unknown> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00',
  email: 'user@example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com',
  url: 'https://example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'U3dhZ2dlcg==',
  password: '',
}

/** Values one sample may hold: wide, deep schemas (DocuSign's envelopes) otherwise grow to megabytes. */
const SAMPLE_BUDGET = 2000

/** Samples already made, per schema object: a dereferenced spec shares one object across operations. */
const made = new WeakMap<object, unknown>()

/**
 * A sample value for a (dereferenced) JSON Schema: its example, default, first enum value,
 * or one made from its type. Depth, cycles and size are bounded, since specs may be recursive
 * and wide; past SAMPLE_BUDGET values the rest of the sample is left out (null, dropped from arrays).
 */
export function exampleFromSchema(schema: unknown): unknown {
  if (!isRecord(schema)) return null
  if (made.has(schema)) return structuredClone(made.get(schema))
  const value = sample(schema, 0, new Set(), { left: SAMPLE_BUDGET })
  made.set(schema, value)
  return structuredClone(value)
}

type Budget = { left: number }

function sample(schema: unknown, depth: number, seen: Set<unknown>, budget: Budget): unknown {
  if (!isRecord(schema) || depth > 8 || seen.has(schema) || budget.left-- <= 0) return null
  if (schema.example !== undefined) return schema.example
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0]
  if (schema.default !== undefined) return schema.default
  if (schema.const !== undefined) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0]
  const next = new Set(seen).add(schema)
  if (Array.isArray(schema.allOf)) {
    const merged: Record<string, unknown> = {}
    for (const part of schema.allOf) {
      const value = sample(part, depth + 1, next, budget)
      if (isRecord(value)) Object.assign(merged, value)
    }
    return merged
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key]
    if (Array.isArray(options) && options.length) return sample(options[0], depth + 1, next, budget)
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  switch (type) {
    case 'object':
      return objectExample(schema, depth, next, budget)
    case 'array':
      return [sample(schema.items, depth + 1, next, budget)].filter((v) => v !== null)
    case 'string':
      return typeof schema.format === 'string' && schema.format in FORMATS ? FORMATS[schema.format] : 'string'
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 0
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0
    case 'boolean':
      return true
    default:
      return isRecord(schema.properties) ? objectExample(schema, depth, next, budget) : null
  }
}

function objectExample(
  schema: Record<string, unknown>,
  depth: number,
  seen: Set<unknown>,
  budget: Budget,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!isRecord(schema.properties)) return out
  for (const [name, property] of Object.entries(schema.properties)) {
    if (isRecord(property) && property.readOnly === true) continue
    if (budget.left <= 0) break
    out[name] = sample(property, depth + 1, seen, budget)
  }
  return out
}

/** A parameter's or media type's own example (OpenAPI `example` / `examples`), else one from its schema. */
export function exampleOf(node: Record<string, unknown>): unknown {
  if (node.example !== undefined) return node.example
  if (isRecord(node.examples)) {
    const first = Object.values(node.examples)[0]
    if (isRecord(first) && first.value !== undefined) return first.value
  }
  if (node['x-example'] !== undefined) return node['x-example']
  return exampleFromSchema(node.schema ?? node)
}

/** A sample as the text a person would type in a param or form field. */
export function exampleText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map(exampleText).join(',')
  return JSON.stringify(value)
}
