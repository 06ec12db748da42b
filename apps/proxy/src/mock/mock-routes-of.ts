import type { MockRoute } from '@courier/shared'
import { CourierError } from '../errors.js'
import { converters } from '../import-export/converters.js'
import type { Store } from '../storage/store.js'
import type { StoredMock } from './mock-store.js'
import { pathOf, routeKey, routesOfTree, routesOfTrees, templateOf, type MockRouteEntry } from './route-table.js'

/** What a mock's source yields: its routes, or why it yields none (the collection was deleted…). */
export type MockRoutes = { routes: MockRouteEntry[]; problem: string | null }

export const COLLECTION_GONE =
  "The mock's collection no longer exists in this workspace; choose another source for the mock in Courier."

/**
 * Routes of an OpenAPI 3.x / Swagger 2 document, through Courier's own importer (examples from
 * `example`/`examples`, and from schemas where there are none). Anything else is refused.
 */
export async function routesOfOpenApi(document: string): Promise<MockRouteEntry[]> {
  const { importText, schemaExamples, ConvertError } = await converters()
  try {
    const result = await importText(document)
    if (result.report.format !== 'openapi' && result.report.format !== 'swagger')
      throw new CourierError(
        'INVALID_REQUEST',
        `This document is a ${result.report.formatLabel}, not an OpenAPI or Swagger document; mock a collection instead (import it first).`,
        { field: 'source.document' },
      )
    const routes = routesOfTrees(result.collections)
    // Operations whose spec wrote no example answer with one made from their response schema.
    const known = new Set(routes.map((route) => route.key))
    const names = new Map<string, string>()
    for (const tree of result.collections)
      for (const item of tree.items)
        if (item.kind === 'request') names.set(routeKey(item.request.method, templateOf(item.request.url)), item.name)
    for (const [operation, examples] of await schemaExamples(document)) {
      const space = operation.indexOf(' ')
      const method = operation.slice(0, space)
      const segments = templateOf(operation.slice(space + 1))
      const key = routeKey(method, segments)
      if (known.has(key)) continue
      known.add(key)
      routes.push({ key, method, path: pathOf(segments), segments, name: names.get(key) ?? operation, examples })
    }
    return routes
  } catch (error) {
    if (error instanceof ConvertError)
      throw new CourierError('INVALID_REQUEST', `The OpenAPI document could not be read: ${error.message}`, {
        field: 'source.document',
      })
    throw error
  }
}

/** The routes of a mock from its source, read from the store now. */
export async function deriveRoutes(store: Store, mock: StoredMock): Promise<MockRoutes> {
  if (mock.source.kind === 'openapi') return { routes: await routesOfOpenApi(mock.source.document), problem: null }
  // Any member may have made the mock; the collection is read as the workspace's, not as a person.
  const tree = await store.inWorkspace(mock.workspaceId).collections.get(mock.source.collectionId)
  return tree ? { routes: routesOfTree(tree), problem: null } : { routes: [], problem: COLLECTION_GONE }
}

/** What the API lists: each route with its examples' names and statuses and the one that answers now. */
export function routeList(mock: StoredMock, routes: readonly MockRouteEntry[]): MockRoute[] {
  return routes.map((route) => {
    const chosen = mock.routes.find((c) => c.route === route.key)?.example
    const answering = route.examples.find((e) => e.name === chosen) ?? route.examples[0]
    return {
      key: route.key,
      method: route.method,
      path: route.path,
      name: route.name,
      examples: route.examples.map((e) => ({ name: e.name, status: e.status })),
      chosen: answering?.name ?? null,
    }
  })
}

/**
 * A mock's routes, derived on each call from the store and kept for the next in a small cache keyed
 * by the mock's id and version and its collection's stamp (store.mocks.collectionStamp), so an edit on
 * any instance is seen on the next call here: nothing is shared between instances but the database.
 */
export class RouteCache {
  private readonly entries = new Map<string, { key: string; value: Promise<MockRoutes> }>()

  constructor(
    private readonly store: () => Store,
    private readonly size = 32,
  ) {}

  async routesOf(mock: StoredMock): Promise<MockRoutes> {
    const store = this.store()
    const stamp =
      mock.source.kind === 'collection'
        ? await store.mocks.collectionStamp(mock.workspaceId, mock.source.collectionId)
        : 'document'
    if (stamp === null) return { routes: [], problem: COLLECTION_GONE }
    const key = `${mock.version}\0${stamp}`
    const cached = this.entries.get(mock.id)
    if (cached && cached.key === key) {
      // Most recently used last.
      this.entries.delete(mock.id)
      this.entries.set(mock.id, cached)
      return cached.value
    }
    const value = deriveRoutes(store, mock)
    this.entries.delete(mock.id)
    this.entries.set(mock.id, { key, value })
    value.catch(() => this.entries.get(mock.id)?.value === value && this.entries.delete(mock.id))
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!)
    return value
  }
}
