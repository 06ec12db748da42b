import { buildClientSchema, buildSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql'

/** Where a schema came from: introspection of the request's URL, an SDL file, or SDL at a URL. */
export type SchemaOrigin = 'introspection' | 'file' | 'url'

export type CachedSchema = {
  origin: SchemaOrigin
  /** The file name or SDL URL; for introspection the request URL. */
  from: string
  fetchedAt: string
  /** SDL, or the introspection result's `data` as JSON. */
  text: string
}

export type LoadedSchema = CachedSchema & { schema: GraphQLSchema }

const PREFIX = 'courier.graphql-schema:'
// Built schemas are kept for the page's life; the text in sessionStorage survives a reload (not the request spec: it can be megabytes).
const built = new Map<string, LoadedSchema>()

export function buildFrom(cached: CachedSchema): GraphQLSchema {
  return cached.origin === 'introspection'
    ? buildClientSchema(JSON.parse(cached.text) as IntrospectionQuery)
    : buildSchema(cached.text)
}

export function cachedSchema(url: string): LoadedSchema | null {
  const hit = built.get(url)
  if (hit) return hit
  try {
    const raw = sessionStorage.getItem(PREFIX + url)
    if (!raw) return null
    const cached = JSON.parse(raw) as CachedSchema
    const loaded = { ...cached, schema: buildFrom(cached) }
    built.set(url, loaded)
    return loaded
  } catch {
    return null
  }
}

export function storeSchema(url: string, loaded: LoadedSchema): void {
  built.set(url, loaded)
  const { schema: _schema, ...cached } = loaded
  try {
    sessionStorage.setItem(PREFIX + url, JSON.stringify(cached))
  } catch {
    // Over the storage quota: the schema stays in memory for this page only.
  }
}
