import type { Pair } from './request-spec.js'
import { splitUrl } from './url-params.js'

/** `:id` or `{id}` as a whole path segment (not `{{var}}`, which is a variable). */
const SEGMENT = /^(?::([A-Za-z_][\w.-]*)|\{([A-Za-z_][\w.-]*)\})$/

/** Index where the path starts: after `scheme://authority`, or after a leading `{{baseUrl}}`. */
function pathStart(base: string): number {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(base)
  const from = scheme ? scheme[0].length : 0
  const slash = base.indexOf('/', from)
  return slash === -1 ? base.length : slash
}

function mapSegments(url: string, replace: (name: string, segment: string) => string): string {
  const { base, query, hash } = splitUrl(url)
  const start = pathStart(base)
  const path = base
    .slice(start)
    .split('/')
    .map((segment) => {
      const match = SEGMENT.exec(segment)
      return match ? replace((match[1] ?? match[2])!, segment) : segment
    })
    .join('/')
  return base.slice(0, start) + path + (query === null ? '' : `?${query}`) + hash
}

/** Path parameter names in the order they appear, each once. */
export function pathParamNames(url: string): string[] {
  const names: string[] = []
  mapSegments(url, (name, segment) => {
    if (!names.includes(name)) names.push(name)
    return segment
  })
  return names
}

/** The Path table for a URL: one row per name, keeping values already typed. */
export function syncPathParams(url: string, current: readonly Pair[]): Pair[] {
  const values = new Map(current)
  return pathParamNames(url).map((name): Pair => [name, values.get(name) ?? ''])
}

/** Replaces `:id`/`{id}` segments that have a value; segments without one stay as typed. */
export function substitutePathParams(url: string, params: readonly Pair[]): string {
  if (params.length === 0) return url
  const values = new Map(params.filter(([, value]) => value !== ''))
  return mapSegments(url, (name, segment) => {
    const value = values.get(name)
    return value === undefined ? segment : encodeURIComponent(value).replace(/%7B%7B(.*?)%7D%7D/g, '{{$1}}')
  })
}
