import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql'

/** How deep a generated selection set goes: the field's type, then its object fields' scalars. */
export const SELECTION_DEPTH = 2

/** `{ id name author { id name } }` for a type: scalars, then nested objects' scalars; cycles cut. */
export function selectionFor(
  type: GraphQLOutputType,
  indent: string,
  depth = SELECTION_DEPTH,
  path = new Set<string>(),
): string {
  const named = getNamedType(type)
  if (isLeafType(named)) return ''
  const inner = `${indent}  `
  const lines: string[] = []
  if (isUnionType(named)) {
    lines.push(`${inner}__typename`)
    for (const member of named.getTypes()) {
      const body = depth > 1 ? selectionFor(member, inner, depth - 1, new Set([...path, named.name])) : ''
      if (body) lines.push(`${inner}... on ${member.name} ${body}`)
    }
    return `{\n${lines.join('\n')}\n${indent}}`
  }
  if (!isObjectType(named) && !isInterfaceType(named)) return ''
  const seen = new Set([...path, named.name])
  for (const field of Object.values(named.getFields())) {
    // A field whose arguments are required cannot be selected without values; leave it to the user.
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue
    const fieldType = getNamedType(field.type)
    if (isLeafType(fieldType)) lines.push(`${inner}${field.name}`)
    else if (depth > 1 && !seen.has(fieldType.name)) {
      const body = selectionFor(field.type, inner, depth - 1, seen)
      if (body) lines.push(`${inner}${field.name} ${body}`)
    }
  }
  if (lines.length === 0) lines.push(`${inner}__typename`)
  return `{\n${lines.join('\n')}\n${indent}}`
}

/** A placeholder value of an input type for the variables skeleton: "", 0, false, the first enum value, nested inputs. */
export function skeletonValue(type: GraphQLInputType, path = new Set<string>()): unknown {
  if (isNonNullType(type)) return skeletonValue(type.ofType, path)
  if (isListType(type)) return []
  const named: GraphQLNamedType = type
  if (isEnumType(named)) return named.getValues()[0]?.name ?? null
  if (isInputObjectType(named)) {
    if (path.has(named.name)) return null
    const next = new Set([...path, named.name])
    const out: Record<string, unknown> = {}
    for (const field of Object.values(named.getFields())) out[field.name] = skeletonValue(field.type, next)
    return out
  }
  switch (named.name) {
    case 'Int':
    case 'Float':
      return 0
    case 'Boolean':
      return false
    default:
      return ''
  }
}

export type GeneratedOperation = { name: string; query: string; variables: string }

function operationName(field: string, taken: Set<string>): string {
  const base = field.charAt(0).toUpperCase() + field.slice(1)
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`
  taken.add(name)
  return name
}

/** One operation calling one root field: its arguments as `$variables`, a selection set to SELECTION_DEPTH. */
export function operationFor(
  kind: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  taken: Set<string>,
): GeneratedOperation {
  const name = operationName(field.name, taken)
  const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`)
  const args = field.args.map((a) => `${a.name}: $${a.name}`)
  const selection = selectionFor(field.type, '  ')
  const call = `${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection ? ` ${selection}` : ''}`
  const query = `${kind} ${name}${defs.length ? `(${defs.join(', ')})` : ''} {\n  ${call}\n}\n`
  const skeleton = Object.fromEntries(field.args.map((a) => [a.name, skeletonValue(a.type)]))
  return { name, query, variables: field.args.length ? JSON.stringify(skeleton, null, 2) : '' }
}
