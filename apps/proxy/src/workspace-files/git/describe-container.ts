import type { Auth, Row } from '@courier/shared'
import type { ContainerFile, EnvironmentFile } from './file-kind.js'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

const AUTH_LABELS: Record<Auth['type'], string> = {
  none: 'no auth',
  inherit: 'inherited',
  basic: 'Basic',
  bearer: 'Bearer',
  apikey: 'API key',
  digest: 'Digest',
  oauth2: 'OAuth 2.0',
  oauth1: 'OAuth 1.0',
  awsv4: 'AWS Signature',
}

type Variable = ContainerFile['variables'][number]

/** Variables by name: added, removed, changed (never saying a value), enabled, made secret; then order. */
function variableChanges(before: readonly Variable[], after: readonly Variable[]): string[] {
  const a = new Map(before.map((v) => [v.name, v]))
  const b = new Map(after.map((v) => [v.name, v]))
  const out: string[] = []
  for (const [name, v] of b) {
    const was = a.get(name)
    if (!was) out.push(`variable ${name} added`)
    else {
      if (was.secret !== v.secret) out.push(`variable ${name} ${v.secret ? 'made secret' : 'no longer secret'}`)
      if (was.value !== v.value) out.push(`variable ${name} changed`)
      if (was.enabled !== v.enabled) out.push(`variable ${name} ${v.enabled ? 'enabled' : 'disabled'}`)
    }
  }
  for (const name of a.keys()) if (!b.has(name)) out.push(`variable ${name} removed`)
  if (out.length === 0 && !same(before, after)) out.push('variables reordered')
  return out
}

/** Headers by name (case-insensitive), the nth of a name with the nth. */
function headerChanges(before: readonly Row[], after: readonly Row[]): string[] {
  const group = (rows: readonly Row[]) => {
    const map = new Map<string, Row[]>()
    for (const r of rows) map.set(r[0].toLowerCase(), [...(map.get(r[0].toLowerCase()) ?? []), r])
    return map
  }
  const a = group(before)
  const b = group(after)
  const out: string[] = []
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(key) ?? []
    const now = b.get(key) ?? []
    for (let i = 0; i < Math.max(was.length, now.length); i++) {
      const x = was[i]
      const y = now[i]
      if (!x) out.push(`header ${y![0]} added`)
      else if (!y) out.push(`header ${x[0]} removed`)
      else if (x[1] !== y[1]) out.push(`header ${y[0]} changed`)
      else if (x[2] !== y[2]) out.push(`header ${y[0]} ${y[2] ? 'enabled' : 'disabled'}`)
      else if (x[0] !== y[0]) out.push(`header ${x[0]} renamed to ${y[0]}`)
    }
  }
  if (out.length === 0 && !same(before, after)) out.push('headers reordered')
  return out
}

/** What changed in a collection's or folder's file, in words: "auth changed to Bearer", "variable host added". */
export function describeContainerChange(before: ContainerFile, after: ContainerFile): string[] {
  const out: string[] = []
  if (before.name !== after.name) out.push(`renamed to ${after.name}`)
  if (before.description !== after.description) out.push('description changed')
  if (before.auth.type !== after.auth.type) out.push(`auth changed to ${AUTH_LABELS[after.auth.type]}`)
  else if (!same(before.auth, after.auth)) out.push(`${AUTH_LABELS[after.auth.type]} auth changed`)
  out.push(...headerChanges(before.headers, after.headers))
  out.push(...variableChanges(before.variables, after.variables))
  if (before.scripts.preRequest !== after.scripts.preRequest) out.push('pre-request script changed')
  if (before.scripts.test !== after.scripts.test) out.push('test script changed')
  if (!same(before.order, after.order)) {
    const was = new Set(before.order)
    const now = new Set(after.order)
    const sameMembers = was.size === now.size && [...was].every((id) => now.has(id))
    out.push(sameMembers ? 'order changed' : 'contents changed')
  }
  if (out.length === 0 && !same(before, after)) out.push('changed')
  return out
}

/** What changed in an environment's file, in words (never a variable's value). */
export function describeEnvironmentChange(before: EnvironmentFile, after: EnvironmentFile): string[] {
  const out: string[] = []
  if (before.name !== after.name) out.push(`renamed to ${after.name}`)
  out.push(...variableChanges(before.variables, after.variables))
  if (out.length === 0 && !same(before, after)) out.push('changed')
  return out
}
