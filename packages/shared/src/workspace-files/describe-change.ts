import { type AuthType, type BodyKind, type Pair, type RequestSpec, type Row } from '../request-spec.js'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

const AUTH_LABELS: Record<AuthType, string> = {
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

const BODY_LABELS: Record<BodyKind, string> = {
  none: 'none',
  json: 'JSON',
  form: 'form',
  multipart: 'multipart',
  raw: 'raw text',
  binary: 'binary',
  graphql: 'GraphQL',
}

type Entry = { name: string; value: string; enabled: boolean }

/** Rows compared by name (case-insensitive for headers), the nth of a name with the nth. */
function rowChanges(what: string, before: Entry[], after: Entry[], fold: boolean): string[] {
  const key = (n: string) => (fold ? n.toLowerCase() : n)
  const group = (rows: Entry[]) => {
    const map = new Map<string, Entry[]>()
    for (const r of rows) map.set(key(r.name), [...(map.get(key(r.name)) ?? []), r])
    return map
  }
  const a = group(before)
  const b = group(after)
  const out: string[] = []
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(name) ?? []
    const now = b.get(name) ?? []
    for (let i = 0; i < Math.max(was.length, now.length); i++) {
      const x = was[i]
      const y = now[i]
      if (!x) out.push(`${what} ${y!.name} added`)
      else if (!y) out.push(`${what} ${x.name} removed`)
      else if (x.value !== y.value) out.push(`${what} ${y.name} changed`)
      else if (x.enabled !== y.enabled) out.push(`${what} ${y.name} ${y.enabled ? 'enabled' : 'disabled'}`)
      else if (x.name !== y.name) out.push(`${what} ${x.name} renamed to ${y.name}`)
    }
  }
  const order = (rows: Entry[]) => rows.map((r) => key(r.name))
  if (out.length === 0 && !same(order(before), order(after))) out.push(`${what}s reordered`)
  return out
}

const rows = (list: readonly Row[]): Entry[] => list.map(([name, value, enabled]) => ({ name, value, enabled }))
const pairs = (list: readonly Pair[]): Entry[] => list.map(([name, value]) => ({ name, value, enabled: true }))

/** Changes in a list of named things (examples, captures…): added, removed, changed by name. */
function namedChanges<T>(what: string, before: T[], after: T[], nameOf: (t: T) => string): string[] {
  if (same(before, after)) return []
  const a = new Map(before.map((t) => [nameOf(t), t]))
  const b = new Map(after.map((t) => [nameOf(t), t]))
  const out: string[] = []
  for (const [name, t] of b)
    if (!a.has(name)) out.push(`${what} ${name} added`)
    else if (!same(a.get(name), t)) out.push(`${what} ${name} changed`)
  for (const name of a.keys()) if (!b.has(name)) out.push(`${what} ${name} removed`)
  return out.length > 0 ? out : [`${what}s reordered`]
}

/** What changed between two versions of a request, in words: "header X-Api-Key added", "body changed". */
export function describeRequestChange(before: RequestSpec, after: RequestSpec): string[] {
  const out: string[] = []
  if (before.method !== after.method) out.push(`method changed from ${before.method} to ${after.method}`)
  if (before.url !== after.url) out.push('URL changed')
  out.push(...rowChanges('query parameter', rows(before.params), rows(after.params), false))
  out.push(...rowChanges('path parameter', pairs(before.pathParams), pairs(after.pathParams), false))
  out.push(...rowChanges('header', rows(before.headers), rows(after.headers), true))
  if (before.body.kind !== after.body.kind) out.push(`body changed to ${BODY_LABELS[after.body.kind]}`)
  else if (!same(before.body, after.body)) out.push('body changed')
  if (before.auth.type !== after.auth.type) out.push(`auth changed to ${AUTH_LABELS[after.auth.type]}`)
  else if (!same(before.auth, after.auth)) out.push(`${AUTH_LABELS[after.auth.type]} auth changed`)
  if (before.cookies !== after.cookies) out.push('cookies changed')
  if (!same(before.settings, after.settings)) out.push('settings changed')
  if (before.scripts.preRequest !== after.scripts.preRequest) out.push('pre-request script changed')
  if (before.scripts.test !== after.scripts.test) out.push('test script changed')
  out.push(...namedChanges('capture', before.captures, after.captures, (c) => c.variable))
  if (!same(before.assertions, after.assertions)) {
    const d = after.assertions.length - before.assertions.length
    out.push(
      d > 0
        ? `${d} assertion${d > 1 ? 's' : ''} added`
        : d < 0
          ? `${-d} assertion${d < -1 ? 's' : ''} removed`
          : 'assertions changed',
    )
  }
  out.push(...namedChanges('example', before.examples, after.examples, (e) => e.name))
  if (!same(before.realtime, after.realtime))
    out.push(
      !before.realtime
        ? 'made a realtime session'
        : !after.realtime
          ? 'no longer a realtime session'
          : 'realtime settings changed',
    )
  // Whatever the words above miss (a field added to the model later) still shows as a change.
  if (out.length === 0 && !same(before, after)) out.push('request changed')
  return out
}
