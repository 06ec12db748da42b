import type { Collection, CollectionItem, Folder, Inheritable, SavedRequestItem } from './collection.js'
import type { Environment } from './environment.js'
import type { RequestSpec } from './request-spec.js'
import type { Variable } from './variables.js'

/**
 * Three-way merge of one saved thing, field by field. A field that only one side changed takes
 * that side's value; a field both changed the same way takes it; a field both changed differently
 * is a conflict. Tables (params, headers, a collection's variables) are one field each; an
 * environment is merged per variable (by name). The URL and its query params are one field, as
 * each mirrors the other.
 */
export type FieldConflict = { field: string; label: string; base: unknown; mine: unknown; theirs: unknown }
export type MergeResult<T> = {
  merged: T
  conflicts: FieldConflict[]
  /** Fields taken from theirs. */ fromTheirs: string[]
}

type Fields = Record<string, unknown>

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
  const ka = Object.keys(a).filter((k) => (a as Fields)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Fields)[k] !== undefined)
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Fields)[k], (b as Fields)[k]))
}

/** Merges flat field maps; a field absent on a side is `undefined` there (deleted or never there). */
export function mergeFields(
  base: Fields,
  mine: Fields,
  theirs: Fields,
  label: (field: string) => string = (f) => f,
): MergeResult<Fields> {
  const merged: Fields = {}
  const conflicts: FieldConflict[] = []
  const fromTheirs: string[] = []
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])]
  for (const field of keys) {
    const [b, m, t] = [base[field], mine[field], theirs[field]]
    let value: unknown
    if (deepEqual(m, t)) value = m
    else if (deepEqual(m, b)) {
      value = t
      fromTheirs.push(field)
    } else if (deepEqual(t, b)) value = m
    else {
      conflicts.push({ field, label: label(field), base: b, mine: m, theirs: t })
      value = t
    }
    if (value !== undefined) merged[field] = value
  }
  return { merged, conflicts, fromTheirs }
}

/** A request's fields as the merge and the conflict dialog see them: key, label, the spec keys it covers. */
export const REQUEST_FIELDS = [
  ['method', 'Method', ['method']],
  ['url', 'URL and query params', ['url', 'params']],
  ['pathParams', 'Path params', ['pathParams']],
  ['headers', 'Headers', ['headers']],
  ['body', 'Body', ['body']],
  ['auth', 'Auth', ['auth']],
  ['settings', 'Settings', ['settings']],
  ['cookies', 'Cookies', ['cookies']],
  ['captures', 'Captures', ['captures']],
  ['scripts', 'Scripts', ['scripts']],
  ['assertions', 'Assertions', ['assertions']],
  ['examples', 'Examples', ['examples']],
] as const satisfies readonly (readonly [string, string, readonly (keyof RequestSpec)[]])[]

export const INHERITABLE_FIELDS = [
  ['description', 'Description'],
  ['auth', 'Auth'],
  ['headers', 'Headers'],
  ['variables', 'Variables'],
  ['scripts', 'Scripts'],
] as const satisfies readonly (readonly [keyof Inheritable, string])[]

const labels = new Map<string, string>([
  ['name', 'Name'],
  ...REQUEST_FIELDS.map(([f, l]) => [f, l] as [string, string]),
  ...INHERITABLE_FIELDS.map(([f, l]) => [f, l] as [string, string]),
])

export function fieldLabel(field: string): string {
  if (field.startsWith('variable:')) return `Variable “${field.slice('variable:'.length)}”`
  return labels.get(field) ?? field
}

/** The value of one request field: the spec key itself, or for the URL the URL string and its params. */
export function requestFieldValue(spec: RequestSpec, field: string): unknown {
  const def = REQUEST_FIELDS.find(([f]) => f === field)
  if (!def) return undefined
  const keys = def[2] as readonly (keyof RequestSpec)[]
  return keys.length === 1 ? spec[keys[0]!] : Object.fromEntries(keys.map((k) => [k, spec[k]]))
}

/** Puts one field of `from` into `into` (the dialog's "take theirs / take mine"). */
export function withRequestField(into: RequestSpec, from: RequestSpec, field: string): RequestSpec {
  const def = REQUEST_FIELDS.find(([f]) => f === field)
  if (!def) return into
  const next = { ...into } as Record<string, unknown>
  for (const key of def[2]) next[key] = from[key]
  return next as RequestSpec
}

function requestFields(name: string, spec: RequestSpec): Fields {
  return { name, ...Object.fromEntries(REQUEST_FIELDS.map(([f]) => [f, requestFieldValue(spec, f)])) }
}

function requestFromFields(fields: Fields, fallback: RequestSpec): RequestSpec {
  let spec = { ...fallback } as Record<string, unknown>
  for (const [field, , keys] of REQUEST_FIELDS) {
    const value = fields[field]
    if (keys.length === 1) spec[keys[0]] = value
    else spec = { ...spec, ...(value as Fields) }
  }
  return spec as RequestSpec
}

function inheritableFields(name: string, data: Inheritable): Fields {
  return { name, ...Object.fromEntries(INHERITABLE_FIELDS.map(([f]) => [f, data[f]])) }
}

/**
 * Merges a saved request or folder. A null base (no longer kept) makes every field the two sides
 * disagree on a conflict.
 * `theirs` is the row as it is now; the answer keeps its id, place and version.
 */
export function mergeItem<T extends CollectionItem>(base: T | null, mine: T, theirs: T): MergeResult<T> {
  if (theirs.kind === 'request' && mine.kind === 'request') {
    const r = mergeFields(
      base?.kind === 'request' ? requestFields(base.name, base.request) : {},
      requestFields(mine.name, mine.request),
      requestFields(theirs.name, theirs.request),
      fieldLabel,
    )
    const merged: SavedRequestItem = {
      ...theirs,
      name: r.merged.name as string,
      request: requestFromFields(r.merged, theirs.request),
    }
    return { ...r, merged: merged as T }
  }
  return mergeInheritable(base as Folder | null, mine as Folder, theirs as Folder) as unknown as MergeResult<T>
}

/** Merges a collection or folder: its name and what it passes down. */
export function mergeInheritable<T extends (Collection | Folder) & Inheritable>(
  base: T | null,
  mine: T,
  theirs: T,
): MergeResult<T> {
  const r = mergeFields(
    base ? inheritableFields(base.name, base) : {},
    inheritableFields(mine.name, mine),
    inheritableFields(theirs.name, theirs),
    fieldLabel,
  )
  return { ...r, merged: { ...theirs, ...r.merged } }
}

function variableFields(env: Pick<Environment, 'name' | 'variables'>): Fields {
  const fields: Fields = { name: env.name }
  for (const { name, ...rest } of env.variables) fields[`variable:${name}`] = rest
  return fields
}

/** Merges an environment per variable; the order is theirs, with variables only mine added at the end. */
export function mergeEnvironment<T extends Pick<Environment, 'name' | 'variables'>>(
  base: T | null,
  mine: T,
  theirs: T,
): MergeResult<T> {
  const r = mergeFields(base ? variableFields(base) : {}, variableFields(mine), variableFields(theirs), fieldLabel)
  const order = [...new Set([...theirs.variables, ...mine.variables].map((v) => v.name))]
  const variables: Variable[] = order
    .filter((name) => r.merged[`variable:${name}`] !== undefined)
    .map((name) => ({ name, ...(r.merged[`variable:${name}`] as Omit<Variable, 'name'>) }))
  return { ...r, merged: { ...theirs, name: r.merged.name as string, variables } }
}
