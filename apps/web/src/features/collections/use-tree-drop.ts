import { useRef, useState, type DragEvent } from 'react'
import { pathTo, type TreeNode } from './tree-model'
import type { useTreeActions } from './use-tree-actions'

type DropHint = { id: string; where: 'into' | 'before' } | null

type Actions = ReturnType<typeof useTreeActions>

type TreeDropOptions = {
  tree: TreeNode[]
  expand: (id: string, open?: boolean) => void
  moveItem: Actions['moveItem']
  siblingsOf: Actions['siblingsOf']
}

/** Drag and drop in the tree: an item goes into a collection or folder, or before a request. */
export function useTreeDrop({ tree, expand, moveItem, siblingsOf }: TreeDropOptions) {
  const [drop, setDrop] = useState<DropHint>(null)
  const dragging = useRef<TreeNode | null>(null)

  const onDragStart = (event: DragEvent, node: TreeNode) => {
    if (node.kind === 'collection') return event.preventDefault()
    dragging.current = node
    event.dataTransfer.effectAllowed = 'move'
    event.dataTransfer.setData('text/plain', node.name)
  }

  const dropOn = (node: TreeNode): DropHint => {
    const moving = dragging.current
    if (!moving || moving.id === node.id) return null
    if (moving.kind === 'folder' && pathTo(tree, node.id).includes(moving.id)) return null // not into itself
    return { id: node.id, where: node.kind === 'request' ? 'before' : 'into' }
  }

  const onDrop = (event: DragEvent, node: TreeNode) => {
    event.preventDefault()
    const moving = dragging.current
    const hint = dropOn(node)
    setDrop(null)
    dragging.current = null
    if (!moving || !hint || moving.kind === 'collection') return
    if (hint.where === 'into') {
      const collectionId = node.kind === 'collection' ? node.id : node.collectionId
      moveItem.mutate({
        id: moving.id,
        move: { collectionId, parentId: node.kind === 'collection' ? null : node.id, index: node.children.length },
      })
      expand(node.id)
    } else if (node.kind !== 'collection') {
      const index = siblingsOf(node)
        .filter((s) => s.id !== moving.id)
        .findIndex((s) => s.id === node.id)
      moveItem.mutate({
        id: moving.id,
        move: { collectionId: node.collectionId, parentId: node.item.parentId, index: Math.max(0, index) },
      })
    }
  }

  const onDragOver = (event: DragEvent, node: TreeNode) => {
    const next = dropOn(node)
    if (next) {
      event.preventDefault()
      if (drop?.id !== next.id || drop.where !== next.where) setDrop(next)
    }
  }

  const onDragLeave = (node: TreeNode) => setDrop((current) => (current?.id === node.id ? null : current))

  const onDragEnd = () => {
    dragging.current = null
    setDrop(null)
  }

  return { drop, onDragStart, onDragOver, onDragLeave, onDrop, onDragEnd }
}
