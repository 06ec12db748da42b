import type { z } from 'zod'

type Def = {
  type: string
  shape?: Record<string, z.ZodType>
  defaultValue?: unknown
  innerType?: z.ZodType
  element?: z.ZodType
  options?: z.ZodType[]
  in?: z.ZodType
}
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * `value` (already parsed by `schema`) without the fields equal to the default the schema fills in
 * for them, at every depth: parsing the result gives `value` back. The caller checks that it does.
 */
export function stripDefaults(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(schema)
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
    case 'readonly':
      return value === undefined || value === null ? value : stripDefaults(def.innerType!, value)
    case 'pipe':
      return stripDefaults(def.in!, value)
    case 'array':
      return Array.isArray(value) ? value.map((v) => stripDefaults(def.element!, v)) : value
    case 'union': {
      const option = def.options!.find((o) => o.safeParse(value).success)
      return option ? stripDefaults(option, value) : value
    }
    case 'object': {
      if (!isRecord(value)) return value
      const out: Record<string, unknown> = {}
      for (const [key, v] of Object.entries(value)) {
        const field = def.shape![key]
        if (!field) {
          out[key] = v
          continue
        }
        const fieldDef = defOf(field)
        if (fieldDef.type === 'default' && same(v, fieldDef.defaultValue)) continue
        out[key] = stripDefaults(field, v)
      }
      return out
    }
    default:
      return value
  }
}

/** Stripped when that is lossless (parsing it gives `value` back exactly), else `value` as it is. */
export function withoutDefaults<T>(schema: z.ZodType<T>, value: T): unknown {
  const stripped = stripDefaults(schema, value)
  const back = schema.safeParse(stripped)
  return back.success && same(back.data, value) ? stripped : value
}
