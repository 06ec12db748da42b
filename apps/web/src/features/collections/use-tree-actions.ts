import { newRequestSpec } from '@courier/shared'
import type { Dispatch, SetStateAction } from 'react'
import {
  useCreateCollection,
  useCreateItem,
  useDeleteCollection,
  useDeleteItem,
  useDuplicateCollection,
  useDuplicateItem,
  useMoveItem,
  useUpdateCollection,
  useUpdateItem,
} from './collection-queries'
import type { TreeEvents } from './CollectionsTree'
import type { TreeNode } from './tree-model'

type TreeActionsInput = Pick<TreeEvents, 'onOpenRequest' | 'onRemoved' | 'onRenamed'> & {
  tree: TreeNode[]
  expand: (id: string, open?: boolean) => void
  reveal: (id: string) => void
  setRenaming: Dispatch<SetStateAction<string | null>>
}

/** What the tree does to collections, folders and requests: add, rename, delete, reorder; each failure names its node. */
export function useTreeActions({
  tree,
  expand,
  reveal,
  setRenaming,
  onOpenRequest,
  onRemoved,
  onRenamed,
}: TreeActionsInput) {
  // A failure names what the person acted on, as the tree showed it then.
  const named = (verb: string) => (id: string) => `Could not ${verb} “${findNode(tree, id)?.name ?? 'the item'}”`
  const createCollection = useCreateCollection()
  const updateCollection = useUpdateCollection({ failure: ({ id }) => named('rename')(id) })
  const deleteCollection = useDeleteCollection({ failure: named('delete') })
  const duplicateCollection = useDuplicateCollection({ failure: named('duplicate') })
  const createItem = useCreateItem()
  const updateItem = useUpdateItem({ failure: ({ id }) => named('rename')(id) })
  const moveItem = useMoveItem({ failure: ({ id }) => named('move')(id) })
  const duplicateItem = useDuplicateItem({ failure: named('duplicate') })
  const deleteItem = useDeleteItem({ failure: named('delete') })

  const addRequest = (collectionId: string, parentId: string | null) => {
    createItem.mutate(
      { kind: 'request', collectionId, parentId, name: 'New request', request: newRequestSpec() },
      {
        onSuccess: (item) => {
          reveal(item.id)
          expand(parentId ?? collectionId)
          if (item.kind === 'request') onOpenRequest(item, false)
          setRenaming(item.id)
        },
      },
    )
  }

  const addFolder = (collectionId: string, parentId: string | null) => {
    createItem.mutate(
      { kind: 'folder', collectionId, parentId, name: 'New folder' },
      { onSuccess: (item) => (expand(parentId ?? collectionId), setRenaming(item.id)) },
    )
  }

  const rename = (node: TreeNode, name: string) => {
    setRenaming(null)
    const trimmed = name.trim()
    if (!trimmed || trimmed === node.name) return
    if (node.kind === 'collection')
      updateCollection.mutate({ id: node.id, patch: { version: node.collection.version, name: trimmed } })
    else
      updateItem.mutate(
        { id: node.id, patch: { version: node.item.version, name: trimmed } },
        { onSuccess: (item) => onRenamed(node.id, trimmed, node.item.version, item.version) },
      )
  }

  const remove = (node: TreeNode) => {
    const label = node.kind === 'collection' ? `collection “${node.name}”` : `“${node.name}”`
    if (node.kind === 'collection')
      deleteCollection.mutate(node.id, { onSuccess: (removed) => onRemoved(removed, label) })
    else deleteItem.mutate(node.id, { onSuccess: (removed) => onRemoved(removed, label) })
  }

  const siblingsOf = (node: TreeNode): TreeNode[] => {
    if (node.kind === 'collection') return []
    const parent = node.item.parentId
      ? findNode(tree, node.item.parentId)
      : tree.find((c) => c.id === node.collectionId)
    return parent?.children ?? []
  }

  const moveBy = (node: TreeNode, step: number) => {
    if (node.kind === 'collection') return
    const siblings = siblingsOf(node)
    const index = siblings.findIndex((s) => s.id === node.id)
    const target = index + step
    if (target < 0 || target >= siblings.length) return
    moveItem.mutate({
      id: node.id,
      move: { collectionId: node.collectionId, parentId: node.item.parentId, index: target },
    })
  }

  return {
    createCollection,
    duplicateCollection,
    duplicateItem,
    moveItem,
    addRequest,
    addFolder,
    rename,
    remove,
    siblingsOf,
    moveBy,
  }
}

export function findNode(nodes: readonly TreeNode[], id: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node
    const found = findNode(node.children, id)
    if (found) return found
  }
  return undefined
}
