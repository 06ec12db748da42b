import type { Auth, RequestSpec, Row } from './request-spec.js'
import type { Scope, Variable } from './variables.js'

/** One level a request inherits from: its collection or a folder (outermost first in a chain). */
export type InheritLevel = {
  kind: 'collection' | 'folder'
  /** The collection's or folder's id, where the caller knows it (the editor links to its settings). */
  id?: string
  name: string
  auth: Auth
  headers: Row[]
  variables: Variable[]
}

/** The auth a request with `inherit` gets: the nearest level whose auth is not itself `inherit`. */
export function inheritedAuth(
  chain: readonly InheritLevel[],
): { auth: Auth; from: string; level: InheritLevel } | null {
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i]!
    if (level.auth.type !== 'inherit') return { auth: level.auth, from: `${level.kind} ${level.name}`, level }
  }
  return null
}

/** Headers inherited from the chain, outermost first; an inner level's header replaces an outer one of the same name. */
export function inheritedHeaders(chain: readonly InheritLevel[]): { row: Row; from: string }[] {
  const result: { row: Row; from: string }[] = []
  for (const level of chain) {
    for (const row of level.headers) {
      if (!row[2] || row[0].trim() === '') continue
      const index = result.findIndex((h) => h.row[0].toLowerCase() === row[0].toLowerCase())
      const entry = { row, from: `${level.kind} ${level.name}` }
      if (index === -1) result.push(entry)
      else result[index] = entry
    }
  }
  return result
}

/**
 * The request as its collection and folders shape it: `inherit` auth replaced by the nearest
 * parent's, inherited headers first (a header of the request's own with the same name wins).
 */
export function applyInheritance(spec: RequestSpec, chain: readonly InheritLevel[]): RequestSpec {
  const own = new Set(spec.headers.filter(([name]) => name.trim() !== '').map(([name]) => name.trim().toLowerCase()))
  const headers = [
    ...inheritedHeaders(chain)
      .filter(({ row }) => !own.has(row[0].toLowerCase()))
      .map(({ row }) => row),
    ...spec.headers,
  ]
  const auth = spec.auth.type === 'inherit' ? (inheritedAuth(chain)?.auth ?? { type: 'none' as const }) : spec.auth
  return { ...spec, headers, auth }
}

/**
 * Variable scopes in precedence order — environment, then folders (innermost first), then the
 * collection, then globals — the first scope that has a name wins.
 */
export function scopesFor(
  environment: { name: string; variables: Variable[] } | null,
  chain: readonly InheritLevel[],
  globals: Variable[],
): Scope[] {
  const scopes: Scope[] = []
  if (environment) scopes.push({ kind: 'environment', name: environment.name, variables: environment.variables })
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i]!
    scopes.push({ kind: level.kind, name: level.name, variables: level.variables })
  }
  scopes.push({ kind: 'global', name: 'Globals', variables: globals })
  return scopes
}
