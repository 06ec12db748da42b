import { parse, type OperationTypeNode } from 'graphql'

/** The type of the operation a GraphQL document runs (the named one, or its only one); null when it does not parse. */
export function operationType(query: string, operationName?: string): OperationTypeNode | null {
  if (!query.trim()) return null
  try {
    const operations = parse(query).definitions.filter((d) => d.kind === 'OperationDefinition')
    const chosen = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0]
    if (!chosen || (!operationName && operations.length > 1)) return null
    return chosen.operation
  } catch {
    return null
  }
}
