import { isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from 'graphql'

export type SchemaHit = { type: string; field?: string; deprecated: boolean }

/** Types a person browses: the schema's own, not the `__Schema` introspection machinery. */
export function browsableTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Types and fields whose name contains `text` (case-insensitive): types first, then `Type.field`. */
export function searchSchema(schema: GraphQLSchema, text: string, limit = 100): SchemaHit[] {
  const needle = text.trim().toLowerCase()
  if (!needle) return []
  const types: SchemaHit[] = []
  const fields: SchemaHit[] = []
  for (const type of browsableTypes(schema)) {
    if (type.name.toLowerCase().includes(needle)) types.push({ type: type.name, deprecated: false })
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
      for (const field of Object.values(type.getFields()))
        if (field.name.toLowerCase().includes(needle))
          fields.push({ type: type.name, field: field.name, deprecated: field.deprecationReason != null })
  }
  return [...types, ...fields].slice(0, limit)
}
