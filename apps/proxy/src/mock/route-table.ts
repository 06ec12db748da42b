import { splitUrl, type CollectionTree, type Example } from '@courier/shared'

/** One segment of a route's path template: a literal (decoded) or a `{name}` parameter. */
export type Segment = { literal: string } | { param: string }

/** A route a mock serves: `METHOD /path/{param}`, the saved request or operation it came from, its examples. */
export type MockRouteEntry = {
  key: string
  method: string
  path: string
  segments: Segment[]
  name: string
  examples: Example[]
}

/** Decodes %XX escapes of one path segment; a malformed escape is kept as typed. */
export function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const PARAM = /^(?::([A-Za-z_][\w.-]*)|\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|\{([A-Za-z_][\w.-]*)\})$/

/**
 * The path of a saved URL as a template: the scheme and host, or the leading `{{baseUrl}}`-style
 * variables and host names before the first `/`, are dropped; `:name`, `{{name}}` and `{name}`
 * segments become `{name}` parameters; empty segments (a trailing slash, `//`) are dropped.
 */
export function templateOf(url: string): Segment[] {
  let base = splitUrl(url.trim()).base
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(base)
  if (scheme) base = base.slice(scheme[0].length)
  if (!base.startsWith('/')) {
    // What comes before the first slash names where the API is (a host, {{baseUrl}}, {{host}}:{{port}}).
    const slash = base.indexOf('/')
    base = slash === -1 ? '' : base.slice(slash)
  }
  return base
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment): Segment => {
      const param = PARAM.exec(segment)
      return param ? { param: (param[1] ?? param[2] ?? param[3])! } : { literal: decodeSegment(segment) }
    })
}

export function pathOf(segments: readonly Segment[]): string {
  return `/${segments.map((s) => ('param' in s ? `{${s.param}}` : s.literal)).join('/')}`
}

export const routeKey = (method: string, segments: readonly Segment[]) => `${method.toUpperCase()} ${pathOf(segments)}`

/**
 * Every saved request of the collection that has examples, as a route; two requests with the same
 * method and path are one route with the examples of both (the first's name).
 */
export function routesOfTree(tree: CollectionTree): MockRouteEntry[] {
  const byKey = new Map<string, MockRouteEntry>()
  for (const item of tree.items) {
    if (item.kind !== 'request') continue
    const examples = item.request.examples ?? []
    if (examples.length === 0) continue
    const method = (item.request.method || 'GET').toUpperCase()
    const segments = templateOf(item.request.url)
    const key = routeKey(method, segments)
    const known = byKey.get(key)
    if (known) known.examples.push(...examples)
    else byKey.set(key, { key, method, path: pathOf(segments), segments, name: item.name, examples: [...examples] })
  }
  return [...byKey.values()]
}

/** The routes of several trees (an OpenAPI import may give more than one collection). */
export function routesOfTrees(trees: readonly CollectionTree[]): MockRouteEntry[] {
  const byKey = new Map<string, MockRouteEntry>()
  for (const route of trees.flatMap(routesOfTree)) {
    const known = byKey.get(route.key)
    if (known) known.examples.push(...route.examples)
    else byKey.set(route.key, route)
  }
  return [...byKey.values()]
}
