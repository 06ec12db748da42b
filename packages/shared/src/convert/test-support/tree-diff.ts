import type { CollectionTree } from '../../collection.js'

type Node = Record<string, unknown>

/** A tree as `path → fields`, without ids, versions and positions (the order is in the path). */
function flatten(tree: CollectionTree): Map<string, unknown> {
  const out = new Map<string, unknown>()
  const { items, id: _id, version: _v, updatedAt: _u, schemaVersion: _s, name: _n, ...top } = tree
  out.set('(collection)', top)
  const children = (parentId: string | null) =>
    items.filter((i) => i.parentId === parentId).sort((a, b) => a.position - b.position)
  const walk = (parentId: string | null, path: string) =>
    children(parentId).forEach((item, index) => {
      const key = `${path}/${index}:${item.name}`
      const { id: _i, version: _ve, updatedAt: _up, collectionId: _c, parentId: _p, position: _po, ...rest } = item
      out.set(key, rest)
      if (item.kind === 'folder') walk(item.id, key)
    })
  walk(null, '')
  return out
}

function diffValue(a: unknown, b: unknown, path: string, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a as Node), ...Object.keys(b as Node)]))
      diffValue((a as Node)[key], (b as Node)[key], `${path}.${key}`, out)
    return
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => diffValue(v, b[i], `${path}[${i}]`, out))
    return
  }
  out.push(path)
}

/** Every field path where two trees differ, e.g. `/1:Folder/0:Create.request.settings.verifyTls`. */
export function treeDifferences(before: CollectionTree, after: CollectionTree): string[] {
  const a = flatten(before)
  const b = flatten(after)
  const out: string[] = []
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (!a.has(key)) out.push(`${key} (added)`)
    else if (!b.has(key)) out.push(`${key} (lost)`)
    else diffValue(a.get(key), b.get(key), key, out)
  }
  return out
}

/**
 * Checks differences against a known list of path prefixes, both ways: every difference falls
 * under a known prefix, and every known prefix still has a difference. Returns what is off.
 */
export function unexplained(
  diffs: readonly string[],
  known: Record<string, string>,
): { unknown: string[]; stale: string[] } {
  const prefixes = Object.keys(known)
  const covers = (prefix: string, diff: string) =>
    diff === prefix || diff.startsWith(`${prefix}.`) || diff.startsWith(`${prefix}[`)
  return {
    unknown: diffs.filter((d) => !prefixes.some((p) => covers(p, d))),
    stale: prefixes.filter((p) => !diffs.some((d) => covers(p, d))),
  }
}
