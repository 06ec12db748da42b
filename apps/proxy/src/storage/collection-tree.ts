import type { CollectionItem } from '@courier/shared'

/** Depth first: each folder followed by what is inside it; siblings keep their (position-sorted) order. */
export function treeOrder(items: readonly CollectionItem[]): CollectionItem[] {
  const known = new Set(items.map((item) => item.id))
  const roots = items.filter((item) => item.parentId === null || !known.has(item.parentId))
  return roots.flatMap((root) => [root, ...descendants(items, root.id)])
}
export function descendants(items: readonly CollectionItem[], id: string): CollectionItem[] {
  const children = items.filter((item) => item.parentId === id)
  return children.flatMap((child) => [child, ...descendants(items, child.id)])
}
