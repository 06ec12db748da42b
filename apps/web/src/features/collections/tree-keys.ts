import type { KeyboardEvent } from 'react'
import type { TreeNode } from './tree-model'

export type TreeKeyContext = {
  rows: TreeNode[]
  allExpanded: Set<string>
  expand: (id: string, open?: boolean) => void
  activate: (node: TreeNode) => void
  moveBy: (node: TreeNode, step: number) => void
  remove: (node: TreeNode) => void
  setFocusId: (id: string) => void
  setRenaming: (id: string) => void
}

/** The tree's keys: arrows move and open (ARIA tree), Alt+arrows reorder, Enter opens, F2 renames, Delete. */
export function treeKeyDown(event: KeyboardEvent, node: TreeNode, index: number, context: TreeKeyContext) {
  const { rows, allExpanded, expand, activate, moveBy, remove, setFocusId, setRenaming } = context
  const focus = (target: TreeNode | undefined) => {
    if (!target) return
    setFocusId(target.id)
    document.getElementById(`tree-${target.id}`)?.focus()
  }
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault()
    moveBy(node, event.key === 'ArrowUp' ? -1 : 1)
    return
  }
  switch (event.key) {
    case 'ArrowDown':
      event.preventDefault()
      focus(rows[index + 1])
      break
    case 'ArrowUp':
      event.preventDefault()
      focus(rows[index - 1])
      break
    case 'ArrowRight':
      event.preventDefault()
      if (node.children.length && !allExpanded.has(node.id)) expand(node.id)
      else focus(node.children[0])
      break
    case 'ArrowLeft': {
      event.preventDefault()
      if (allExpanded.has(node.id) && node.children.length) expand(node.id, false)
      else if (node.kind !== 'collection')
        focus(rows.find((row) => row.id === (node.item.parentId ?? node.collectionId)))
      break
    }
    case 'Enter':
    case ' ':
      event.preventDefault()
      activate(node)
      break
    case 'F2':
      event.preventDefault()
      setRenaming(node.id)
      break
    case 'Delete':
      event.preventDefault()
      remove(node)
      break
  }
}
