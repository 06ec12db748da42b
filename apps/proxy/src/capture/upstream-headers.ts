import { CLIENT_HEADER, newReport, resolveText, TOKEN_HEADER, WORKSPACE_HEADER, type Pair } from '@courier/shared'
import { CourierError } from '../errors.js'
import { variableScopes } from '../send/resolve-request.js'
import type { Store } from '../storage/store.js'
import { LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import type { StoredMount } from '../storage/capture-mount-store.js'

/** Courier's own request headers: never written upstream. */
const COURIER_HEADERS = [TOKEN_HEADER, WORKSPACE_HEADER, CLIENT_HEADER]

/** Any Courier session cookie (every port's, the team server's `__Host-` one), besides this server's exact name. */
const SESSION_COOKIE = /^(__Host-)?courier_session(_\d+)?$/

export function isCourierSessionCookie(name: string, sessionCookie: string): boolean {
  return name === sessionCookie || SESSION_COOKIE.test(name)
}

/** The Cookie header without Courier's session cookie (the page on another port is same-site, so the browser sends it). */
export function stripSessionCookie(header: string, sessionCookie: string): string {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => {
      if (!part) return false
      const eq = part.indexOf('=')
      return !isCourierSessionCookie((eq === -1 ? part : part.slice(0, eq)).trim(), sessionCookie)
    })
    .join('; ')
}

/** The mount's headers with `{{variables}}` resolved, and the secret variables among them (masked in history). */
export type InjectedHeaders = {
  typed: Pair[]
  resolved: Pair[]
  secretVariables: { name: string; value: string }[]
}

/**
 * Resolves a mount's headers from its environment (and the globals) as its owner sees them: the
 * owner's current values over the shared ones. An unknown variable refuses the exchange (a header
 * with `{{token}}` left in would send the wrong credential).
 */
export async function injectedHeaders(store: Store, mount: StoredMount): Promise<InjectedHeaders> {
  const typed = mount.headers.filter(([name]) => name.trim() !== '')
  if (!typed.some(([name, value]) => `${name}${value}`.includes('{{')))
    return { typed, resolved: typed, secretVariables: [] }
  const data = mount.workspaceId === LOCAL_WORKSPACE_ID ? store : store.inWorkspace(mount.workspaceId, mount.userId)
  const current = store.currentValues(mount.workspaceId, mount.userId)
  const { scopes } = await variableScopes(data, mount.environmentId ?? undefined, undefined, current)
  const report = newReport()
  const resolved = typed.map(([name, value]): Pair => [
    resolveText(name, scopes, report),
    resolveText(value, scopes, report),
  ])
  if (report.unresolved.length > 0) {
    throw new CourierError(
      'VARIABLE_UNRESOLVED',
      `The capture mount "${mount.name}" injects {{${report.unresolved[0]}}}, which has no value in its environment or the globals.`,
      { phase: 'validate' },
    )
  }
  const secretVariables = report.used
    .filter((used) => used.secret && used.value.length > 0)
    .map(({ name, value }) => ({ name, value }))
  return { typed, resolved, secretVariables }
}

/**
 * The headers written upstream: the caller's, without Courier's own headers and session cookie,
 * with the mount's headers in place of any the caller sent under the same names.
 */
export function upstreamHeaders(
  incoming: Record<string, string | string[] | undefined>,
  injected: readonly Pair[],
  sessionCookie: string,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue
    const lower = name.toLowerCase()
    if (COURIER_HEADERS.includes(lower)) continue
    if (lower === 'cookie') {
      const kept = stripSessionCookie(Array.isArray(value) ? value.join('; ') : value, sessionCookie)
      if (kept) out.cookie = kept
      continue
    }
    out[lower] = value
  }
  for (const [name, value] of injected) out[name.toLowerCase()] = value
  return out
}

/** Header pairs of a header object, for the record. */
export function pairsOf(headers: Record<string, string | string[] | number | undefined>): Pair[] {
  const pairs: Pair[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, String(one)])
  }
  return pairs
}
