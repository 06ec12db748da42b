import { buildClientSchema, buildSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql'
import { ConvertError } from '../import-result.js'
import { isRecord } from '../parse-document.js'

const SDL_START =
  /^\s*(?:(?:"""[^]*?"""|"[^"\n]*")\s*)?(?:extend\s+)?(?:schema\s*(?:@\w+[^{]*)?\{|(?:type|interface|union|enum|input|scalar)\s+[_A-Za-z]|directive\s+@)/

/** Text that reads as GraphQL SDL: it starts (after comments and a description) with a type system definition, `type Query …` not `type: …`. */
export function looksLikeSdl(text: string): boolean {
  const body = text.replace(/^(?:\s*#[^\n]*\n)+/, '')
  return SDL_START.test(body)
}

/** An introspection result: `{ data: { __schema } }` (a server's answer) or `{ __schema }`. */
export function introspectionOf(doc: unknown): IntrospectionQuery | null {
  const root = isRecord(doc) && isRecord(doc.data) ? doc.data : doc
  return isRecord(root) && isRecord(root.__schema) && Array.isArray(root.__schema.types)
    ? (root as unknown as IntrospectionQuery)
    : null
}

export function schemaFromSdl(text: string): GraphQLSchema {
  try {
    return buildSchema(text, { assumeValidSDL: false })
  } catch (error) {
    throw new ConvertError(
      'IMPORT_INVALID',
      `The GraphQL schema (SDL) is not valid: ${(error as Error).message.split('\n')[0]}`,
    )
  }
}

export function schemaFromIntrospection(result: IntrospectionQuery): GraphQLSchema {
  try {
    return buildClientSchema(result)
  } catch (error) {
    throw new ConvertError(
      'IMPORT_INVALID',
      `The GraphQL introspection result is not valid: ${(error as Error).message.split('\n')[0]}`,
    )
  }
}
