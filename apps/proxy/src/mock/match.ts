import {
  MOCK_RESPONSE_CODE_HEADER,
  MOCK_RESPONSE_NAME_HEADER,
  splitUrl,
  type Example,
  type MockRouteChoice,
} from '@courier/shared'
import { decodeSegment, type MockRouteEntry, type Segment } from './route-table.js'

/** A call as the mock received it, below the mock's base (`/pets/1?x=y`). */
export type MockRequest = {
  method: string
  /** The path as received (percent-encoded), without the query. */
  path: string
  /** The query string without `?` ('' when none). */
  query: string
  /** Header names lower-case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
}

export type MockSettings = {
  delayMs: number
  routes: readonly MockRouteChoice[]
}

export type Matched = {
  ok: true
  route: MockRouteEntry
  example: Example
  /** The path parameters the call filled in. */
  params: Record<string, string>
  status: number
  delayMs: number
  /** Why this route and this example, in words. */
  note: string
}
export type NotMatched = {
  ok: false
  /** The route, when the path matched one but no example could answer. */
  route: MockRouteEntry | null
  note: string
  /** Keys of the routes closest to what was asked. */
  nearest: string[]
}

/** The path's segments, decoded, empty ones (a trailing slash, `//`) dropped. */
export function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment)
}

/** Literal segments matched, position by position (1 literal, 0 parameter), or null when the path does not fit. */
function fit(template: readonly Segment[], segments: readonly string[]): number[] | null {
  if (template.length !== segments.length) return null
  const rank: number[] = []
  for (let i = 0; i < template.length; i++) {
    const part = template[i]!
    if ('param' in part) rank.push(0)
    else if (part.literal === segments[i]) rank.push(1)
    else return null
  }
  return rank
}

/** Literal segments beat parameters, from the left: `/pets/mine` wins over `/pets/{id}`. */
function moreSpecific(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!
  return false
}

function header(request: MockRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Headers that say nothing about which example was meant (every client sends its own). */
const UNSCORED_HEADERS = new Set([
  'host',
  'content-length',
  'user-agent',
  'accept-encoding',
  'connection',
  'postman-token',
  'cache-control',
  'origin',
  'referer',
  'cookie',
  'sec-fetch-mode',
  'sec-fetch-site',
  'sec-fetch-dest',
])

function queryPairs(query: string | null): [string, string][] {
  if (!query) return []
  return [...new URLSearchParams(query)]
}

/**
 * How well a call fits an example's saved request (Postman's mock matching): each query parameter
 * of the saved request the call has with the same value +2, with another value or not at all −1;
 * each saved header the call sends with the same value +1. Null when the example kept no request.
 */
export function exampleScore(example: Example, request: MockRequest): number | null {
  if (!example.request) return null
  let score = 0
  const asked = new URLSearchParams(request.query)
  for (const [name, value] of queryPairs(splitUrl(example.request.url).query)) {
    if (asked.getAll(name).includes(value)) score += 2
    else score -= 1
  }
  for (const [name, value] of example.request.headers) {
    const lower = name.toLowerCase()
    if (UNSCORED_HEADERS.has(lower) || lower.startsWith('x-mock-')) continue
    if (header(request, lower) === value) score += 1
  }
  return score
}

function pickExample(
  route: MockRouteEntry,
  choice: MockRouteChoice | undefined,
  request: MockRequest,
): { example: Example; note: string; byHeader: boolean } | { example: null; note: string } {
  const examples = route.examples
  const named = header(request, MOCK_RESPONSE_NAME_HEADER)
  if (named !== undefined) {
    const example =
      examples.find((e) => e.name === named) ?? examples.find((e) => e.name.toLowerCase() === named.toLowerCase())
    return example
      ? { example, note: `example “${example.name}” (asked for by ${MOCK_RESPONSE_NAME_HEADER})`, byHeader: true }
      : {
          example: null,
          note: `${MOCK_RESPONSE_NAME_HEADER} asked for an example named “${named}”, and ${route.key} has ${names(examples)}.`,
        }
  }
  const code = header(request, MOCK_RESPONSE_CODE_HEADER)
  if (code !== undefined) {
    const example = examples.find((e) => String(e.status) === code.trim())
    return example
      ? {
          example,
          note: `example “${example.name}” (status ${code.trim()} asked for by ${MOCK_RESPONSE_CODE_HEADER})`,
          byHeader: true,
        }
      : {
          example: null,
          note: `${MOCK_RESPONSE_CODE_HEADER} asked for status ${code.trim()}, and ${route.key} has ${examples.map((e) => e.status).join(', ')}.`,
        }
  }
  if (choice?.example != null) {
    const example = examples.find((e) => e.name === choice.example)
    if (example) return { example, note: `example “${example.name}” (the route's chosen example)`, byHeader: false }
  }
  let best: { example: Example; score: number } | null = null
  for (const example of examples) {
    const score = exampleScore(example, request)
    if (score !== null && score > 0 && (best === null || score > best.score)) best = { example, score }
  }
  if (best)
    return {
      example: best.example,
      note: `example “${best.example.name}” (its saved request fits the call's query and headers best)`,
      byHeader: false,
    }
  const first = examples[0]!
  return { example: first, note: `example “${first.name}” (the first)`, byHeader: false }
}

const names = (examples: readonly Example[]) =>
  examples.length === 0 ? 'no examples' : examples.map((e) => `“${e.name}”`).join(', ')

/** The routes nearest to a call that matched none: the same path with another method first, then shared leading segments. */
function nearestRoutes(routes: readonly MockRouteEntry[], method: string, segments: readonly string[]): string[] {
  const scored = routes.map((route) => {
    let score = 0
    if (fit(route.segments, segments)) score += 100
    // Leading segments in common: a literal one counts more than a parameter.
    for (let i = 0; i < route.segments.length && i < segments.length; i++) {
      const part = route.segments[i]!
      if ('param' in part) score += 1
      else if (part.literal === segments[i]) score += 3
      else break
    }
    score -= Math.abs(route.segments.length - segments.length)
    if (route.method === method) score += 1
    return { key: route.key, score }
  })
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((s) => s.key)
}

/**
 * Which route and example answer a call: the method (HEAD also finds GET), then the path template
 * (literal segments beat parameters, a trailing slash and percent-encoding do not matter), then the
 * example: Postman's `x-mock-response-name` / `x-mock-response-code` headers, else the route's
 * chosen example, else the one whose saved request fits the query and headers best, else the first.
 * The route's status and delay override what the example and the mock say (not when a header
 * picked the example by name or status).
 */
export function matchCall(
  routes: readonly MockRouteEntry[],
  settings: MockSettings,
  request: MockRequest,
): Matched | NotMatched {
  const method = request.method.toUpperCase()
  const segments = segmentsOf(request.path)
  const pathText = `/${segments.join('/')}`
  const best = (wanted: string) => {
    let found: { route: MockRouteEntry; rank: number[] } | null = null
    for (const route of routes) {
      if (route.method !== wanted) continue
      const rank = fit(route.segments, segments)
      if (rank && (found === null || moreSpecific(rank, found.rank))) found = { route, rank }
    }
    return found?.route ?? null
  }
  const route = best(method) ?? (method === 'HEAD' ? best('GET') : null)
  if (!route) {
    const nearest = nearestRoutes(routes, method, segments)
    const sameMethod = routes.some((r) => r.method === method)
    return {
      ok: false,
      route: null,
      nearest,
      note: `No route for ${method} ${pathText}${sameMethod ? '' : ` (the mock has no ${method} route)`}${nearest.length ? `; nearest: ${nearest.join(', ')}` : ''}.`,
    }
  }
  const choice = settings.routes.find((c) => c.route === route.key)
  const picked = pickExample(route, choice, request)
  if (!picked.example) return { ok: false, route, nearest: [route.key], note: picked.note }
  const params: Record<string, string> = {}
  route.segments.forEach((part, i) => {
    if ('param' in part) params[part.param] = segments[i]!
  })
  const override = 'byHeader' in picked && !picked.byHeader
  const status = override && choice?.status != null ? choice.status : picked.example.status
  const delayMs = choice?.delayMs ?? settings.delayMs
  const extras = [
    status !== picked.example.status ? `status ${status} (the route's override)` : '',
    delayMs > 0 ? `after ${delayMs} ms` : '',
  ].filter(Boolean)
  return {
    ok: true,
    route,
    example: picked.example,
    params,
    status,
    delayMs,
    note: `${route.key} answered with ${picked.note}${extras.length ? `, ${extras.join(', ')}` : ''}.`,
  }
}
