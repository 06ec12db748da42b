import type { TreeRow } from './json-tree'

/** What a key does in the JSON tree: move the active row to `to`, or open/close the row at `toggle`. */
export type TreeMove = { to: number } | { toggle: number } | null

const openable = (row: TreeRow | undefined) =>
  !!row && (row.type === 'object' || row.type === 'array') && row.childCount > 0

/**
 * The WAI-ARIA tree pattern over virtual rows: ↑/↓ one row, Home/End the ends, PageUp/PageDown a page,
 * → opens a closed node or steps into an open one, ← closes an open node or steps out to its parent,
 * Enter and Space toggle. `rowAt` answers the rows loaded so far (a parent off-screen may be missing).
 */
export function treeMove(
  key: string,
  active: number,
  count: number,
  page: number,
  rowAt: (index: number) => TreeRow | undefined,
): TreeMove {
  const clamp = (index: number) => Math.max(0, Math.min(count - 1, index))
  const row = rowAt(active)
  switch (key) {
    case 'ArrowDown':
      return { to: clamp(active + 1) }
    case 'ArrowUp':
      return { to: clamp(active - 1) }
    case 'PageDown':
      return { to: clamp(active + page) }
    case 'PageUp':
      return { to: clamp(active - page) }
    case 'Home':
      return { to: 0 }
    case 'End':
      return { to: clamp(count - 1) }
    case 'Enter':
    case ' ':
      return openable(row) ? { toggle: active } : null
    case 'ArrowRight':
      if (!openable(row)) return null
      return row!.expanded ? { to: clamp(active + 1) } : { toggle: active }
    case 'ArrowLeft': {
      if (!row) return null
      if (openable(row) && row.expanded) return { toggle: active }
      for (let index = active - 1; index >= 0; index--) {
        const above = rowAt(index)
        if (!above) return null
        if (above.depth < row.depth) return { to: index }
      }
      return null
    }
    default:
      return null
  }
}
