import type { GraphQLObjectType, GraphQLSchema } from 'graphql'
import type { ImportBuilder } from './import-builder.js'
import { ConvertError } from './import-result.js'
import { operationFor } from './graphql/graphql-operation-builder.js'

export {
  introspectionOf,
  looksLikeSdl,
  schemaFromIntrospection,
  schemaFromSdl,
} from './graphql/graphql-schema-source.js'

const ROOTS = [
  { kind: 'query', folder: 'Queries', root: (s: GraphQLSchema) => s.getQueryType() },
  { kind: 'mutation', folder: 'Mutations', root: (s: GraphQLSchema) => s.getMutationType() },
  { kind: 'subscription', folder: 'Subscriptions', root: (s: GraphQLSchema) => s.getSubscriptionType() },
] as const

const SUBSCRIPTION_NOTE =
  'A subscription: it runs over a WebSocket (graphql-ws), not as a plain POST; open it as a GraphQL subscription to see its events.'

/**
 * A GraphQL schema → one collection: a request per Query, Mutation and Subscription field (folders
 * Queries, Mutations, Subscriptions), each with a generated operation and a variables skeleton, sent
 * to `{{graphqlUrl}}` (a collection variable, empty until the user sets it).
 */
export function importGraphqlSchema(schema: GraphQLSchema, builder: ImportBuilder, name = 'GraphQL API'): void {
  if (ROOTS.every(({ root }) => Object.keys(root(schema)?.getFields() ?? {}).length === 0))
    throw new ConvertError(
      'IMPORT_INVALID',
      'The GraphQL schema has no Query, Mutation or Subscription fields to make requests from.',
    )
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/\.(graphqls?|gql|sdl|json)$/i, '')
  const tree = builder.collection(base || 'GraphQL API', {
    variables: [{ name: 'graphqlUrl', value: '', enabled: true, secret: false }],
    description: schema.description ?? '',
  })
  const taken = new Set<string>()
  for (const { kind, folder, root } of ROOTS) {
    const type: GraphQLObjectType | null | undefined = root(schema)
    const fields = type ? Object.values(type.getFields()) : []
    if (fields.length === 0) continue
    const folderId = builder.folder(tree, null, {
      name: folder,
      description: kind === 'subscription' ? SUBSCRIPTION_NOTE : '',
    })
    for (const field of fields) {
      const op = operationFor(kind, field, taken)
      const comments = [
        field.description ?? '',
        field.deprecationReason ? `Deprecated: ${field.deprecationReason}` : '',
      ]
        .concat(kind === 'subscription' ? [SUBSCRIPTION_NOTE] : [])
        .flatMap((text) => text.split('\n'))
        .filter((line) => line.trim() !== '')
        .map((line) => `# ${line}\n`)
        .join('')
      builder.request(
        tree,
        folderId,
        field.name,
        {
          method: 'POST',
          url: '{{graphqlUrl}}',
          body: { kind: 'graphql', query: comments + op.query, variables: op.variables, operationName: op.name },
        },
        `${tree.name} › ${folder} › ${field.name}`,
      )
    }
  }
}
