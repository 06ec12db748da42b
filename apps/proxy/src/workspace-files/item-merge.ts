import { createHash } from 'node:crypto'
import type { CollectionItem, CollectionTree } from '@courier/shared'

/** A collection's prints kept in the base: its own fields, its order/parent structure, and each item by id. */
export type ItemPrints = { own: string; structure: string; items: Record<string, string> }

export const hash = (value: unknown) => createHash('sha256').update(stable(value)).digest('hex')

/** JSON with sorted keys, so the same thing prints the same whatever order its fields were read in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** An item's fields without bookkeeping (version, updatedAt) and placement (parent, position). */
function itemPrint(item: CollectionItem): string {
  const { version: _v, updatedAt: _u, position: _p, parentId: _pa, collectionId: _c, ...rest } = item
  return hash(rest)
}

function structureOf(tree: CollectionTree): string {
  const placed = [...tree.items]
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
    .map((i) => [i.id, i.parentId])
  return hash(placed)
}

export function printsOf(tree: CollectionTree): ItemPrints {
  const { version: _v, updatedAt: _u, items, ...own } = tree
  return {
    own: hash(own),
    structure: structureOf(tree),
    items: Object.fromEntries(items.map((i) => [i.id, itemPrint(i)])),
  }
}

/**
 * Three-way merge of one collection changed on both sides, per item: one side changed, it wins; new on
 * either side is kept; deleted on one side and unchanged on the other is deleted; deleted and changed is
 * kept; changed on both, the files win and `onBothChanged` names the item.
 */
export function mergeTrees(
  base: ItemPrints,
  files: CollectionTree,
  db: CollectionTree,
  onBothChanged: (what: string) => void,
): CollectionTree {
  const fp = printsOf(files)
  const dp = printsOf(db)
  const fById = new Map(files.items.map((i) => [i.id, i]))
  const dById = new Map(db.items.map((i) => [i.id, i]))
  const ids = new Set([...fById.keys(), ...dById.keys()])
  const chosen: CollectionItem[] = []
  for (const id of ids) {
    const f = fById.get(id)
    const d = dById.get(id)
    const b = base.items[id]
    if (f && d) {
      const pf = fp.items[id]
      const pd = dp.items[id]
      if (pf === pd || b === pd) chosen.push(f)
      else if (b === pf) chosen.push({ ...d, parentId: f.parentId, position: f.position })
      else {
        onBothChanged(`${f.kind} "${f.name}"`)
        chosen.push(f)
      }
    } else if (f) {
      if (b === undefined || b !== fp.items[id]) chosen.push(f)
    } else if (d) {
      if (b === undefined || b !== dp.items[id]) chosen.push(d)
    }
  }
  // Placement: the files' unless only Courier changed it.
  const dbPlaces = fp.structure === base.structure && dp.structure !== base.structure
  const items = chosen.map((i) => {
    const d = dById.get(i.id)
    return dbPlaces && d ? { ...i, parentId: d.parentId, position: d.position } : i
  })
  const kept = new Set(items.map((i) => i.id))
  const fixed = items.map((i) => (i.parentId && !kept.has(i.parentId) ? { ...i, parentId: null } : i))
  const ownFrom = fp.own === base.own && dp.own !== base.own ? db : files
  return { ...ownFrom, items: fixed }
}
