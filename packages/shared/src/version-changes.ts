import { deepEqual, fieldLabel, REQUEST_FIELDS, INHERITABLE_FIELDS, requestFieldValue } from './merge.js'
import type { Row, RequestSpec } from './request-spec.js'
import type { Variable } from './variables.js'

type Doc = { name: string; request?: RequestSpec; variables?: Variable[] } & Record<string, unknown>

function rowChanges(what: string, before: Row[], after: Row[]): string[] {
  const key = (rows: Row[]) => new Map(rows.filter((r) => r[0] !== '').map((r) => [r[0], r]))
  const [b, a] = [key(before), key(after)]
  const out: string[] = []
  for (const [name, row] of a) {
    const old = b.get(name)
    if (!old) out.push(`${what} “${name}” added`)
    else if (!deepEqual(old, row)) out.push(`${what} “${name}” changed`)
  }
  for (const name of b.keys()) if (!a.has(name)) out.push(`${what} “${name}” removed`)
  if (out.length === 0 && !deepEqual(before, after)) out.push(`${what}s reordered`)
  return out
}

function variableChanges(before: Variable[], after: Variable[]): string[] {
  const [b, a] = [new Map(before.map((v) => [v.name, v])), new Map(after.map((v) => [v.name, v]))]
  const out: string[] = []
  for (const [name, v] of a) {
    const old = b.get(name)
    if (!old) out.push(`variable “${name}” added`)
    else if (!deepEqual(old, v)) out.push(`variable “${name}” changed`)
  }
  for (const name of b.keys()) if (!a.has(name)) out.push(`variable “${name}” removed`)
  return out
}

/** What changed from `before` to `after`, in words ("URL changed", "header “X” added"); `before` undefined: created. */
export function describeChanges(before: Doc | undefined, after: Doc): string[] {
  if (!before) return ['created']
  const out: string[] = []
  if (before.name !== after.name) out.push(`renamed to “${after.name}”`)
  if (before.request && after.request) {
    for (const [field] of REQUEST_FIELDS) {
      const [b, a] = [requestFieldValue(before.request, field), requestFieldValue(after.request, field)]
      if (deepEqual(b, a)) continue
      if (field === 'headers') out.push(...rowChanges('header', b as Row[], a as Row[]))
      else if (field === 'url') {
        if (before.request.url !== after.request.url) out.push('URL changed')
        else out.push(...rowChanges('query param', before.request.params, after.request.params))
      } else out.push(`${fieldLabel(field).toLowerCase()} changed`)
    }
  } else if (before.variables && after.variables && !('auth' in after)) {
    out.push(...variableChanges(before.variables, after.variables))
  } else {
    for (const [field, label] of INHERITABLE_FIELDS) {
      if (deepEqual(before[field], after[field])) continue
      if (field === 'headers') out.push(...rowChanges('header', before[field] as Row[], after[field] as Row[]))
      else if (field === 'variables') out.push(...variableChanges(before.variables ?? [], after.variables ?? []))
      else out.push(`${label.toLowerCase()} changed`)
    }
  }
  return out.length > 0 ? out : ['no change']
}
