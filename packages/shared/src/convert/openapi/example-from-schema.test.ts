import { describe, expect, it } from 'vitest'
import { exampleFromSchema } from './example-from-schema.js'

/** An object schema with `width` properties, each the same kind of object, `levels` deep. */
function wide(width: number, levels: number): Record<string, unknown> {
  if (levels === 0) return { type: 'string' }
  const child = wide(width, levels - 1)
  return { type: 'object', properties: Object.fromEntries(Array.from({ length: width }, (_, i) => [`p${i}`, child])) }
}

const count = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Object.values(value).reduce((n: number, v) => n + count(v), 0) : 1

describe('a sample made from a schema', () => {
  it('stays small for a wide, deep schema (20 properties, 6 levels: 64 million leaves unbounded)', () => {
    const sample = exampleFromSchema(wide(20, 6))
    expect(count(sample)).toBeLessThanOrEqual(2001)
    expect(JSON.stringify(sample).length).toBeLessThan(100_000)
    // The first branches are filled in whole before the budget runs out.
    expect((sample as { p0: { p0: { p0: unknown } } }).p0.p0.p0).toMatchObject({ p0: { p0: { p0: 'string' } } })
  })

  it('gives each caller its own copy of a shared schema’s sample', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } }
    const first = exampleFromSchema(schema) as { id: number }
    first.id = 99
    expect(exampleFromSchema(schema)).toEqual({ id: 1 })
  })
})
