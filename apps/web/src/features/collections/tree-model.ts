import type { CollectionItem, CollectionTree } from '@courier/shared'

export type TreeNode =
  | { kind: 'collection'; id: string; name: string; collection: CollectionTree; children: TreeNode[]; depth: 0 }
  | {
      kind: 'folder' | 'request'
      id: string
      name: string
      item: CollectionItem
      collectionId: string
      children: TreeNode[]
      depth: number
    }

/** The collections as a tree: folders before requests keep their saved order. */
export function buildTree(collections: readonly CollectionTree[]): TreeNode[] {
  return collections.map((collection) => {
    const childrenOf = (parentId: string | null, depth: number): TreeNode[] =>
      collection.items
        .filter((item) => item.parentId === parentId)
        .sort((a, b) => a.position - b.position)
        .map((item): TreeNode => ({
          kind: item.kind,
          id: item.id,
          name: item.name,
          item,
          collectionId: collection.id,
          depth,
          children: item.kind === 'folder' ? childrenOf(item.id, depth + 1) : [],
        }))
    return {
      kind: 'collection',
      id: collection.id,
      name: collection.name,
      collection,
      children: childrenOf(null, 1),
      depth: 0,
    }
  })
}

/** The rows a person sees: a node's children only when it is expanded. */
export function visibleRows(nodes: readonly TreeNode[], expanded: ReadonlySet<string>): TreeNode[] {
  return nodes.flatMap((node) => [
    node,
    ...(node.children.length && expanded.has(node.id) ? visibleRows(node.children, expanded) : []),
  ])
}

/** The ids from the root down to `id` (to expand the path to a request). */
export function pathTo(nodes: readonly TreeNode[], id: string): string[] {
  for (const node of nodes) {
    if (node.id === id) return [node.id]
    const below = pathTo(node.children, id)
    if (below.length) return [node.id, ...below]
  }
  return []
}

/** Lowercase substring filter that keeps the ancestors of every match. */
export function filterTree(nodes: readonly TreeNode[], text: string): TreeNode[] {
  const needle = text.trim().toLowerCase()
  if (!needle) return [...nodes]
  return nodes.flatMap((node): TreeNode[] => {
    const children = filterTree(node.children, needle)
    const urlMatch =
      node.kind === 'request' && node.item.kind === 'request' && node.item.request.url.toLowerCase().includes(needle)
    if (node.name.toLowerCase().includes(needle) || urlMatch || children.length)
      return [{ ...node, children } as TreeNode]
    return []
  })
}

/** Every id in a tree. */
export function allIds(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...allIds(node.children)])
}
