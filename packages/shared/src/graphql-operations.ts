import { Kind, parse } from 'graphql'

export type GraphqlOperationType = 'query' | 'mutation' | 'subscription'
export type GraphqlOperation = { name: string; type: GraphqlOperationType }

/**
 * The operations a GraphQL document defines, in order: name ('' when anonymous) and type. A document that
 * does not parse (the user is still typing) has none, so callers keep what they showed last.
 */
export function operationsOf(query: string): GraphqlOperation[] {
  if (!query.trim()) return []
  try {
    return parse(query, { noLocation: true })
      .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => ({ name: d.name?.value ?? '', type: d.operation as GraphqlOperationType }))
  } catch {
    return []
  }
}
