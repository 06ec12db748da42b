import { describe, expect, it } from 'vitest'
import type { TreeRow } from './json-tree'
import { treeMove } from './tree-nav'

// $ {a: {b: 1}, c: 2} fully open: rows $, a, b, c.
const row = (depth: number, key: string | null, open: boolean | null): TreeRow =>
  ({
    depth,
    key,
    type: open === null ? 'number' : 'object',
    childCount: open === null ? 0 : 1,
    expanded: !!open,
    preview: '',
  }) as TreeRow
const rows = [row(0, null, true), row(1, 'a', true), row(2, 'b', null), row(1, 'c', null)]
const at = (index: number) => rows[index]
const move = (key: string, active: number) => treeMove(key, active, rows.length, 2, at)

describe('treeMove', () => {
  it('walks rows with the arrows, Home, End and pages, held within the tree', () => {
    expect(move('ArrowDown', 0)).toEqual({ to: 1 })
    expect(move('ArrowDown', 3)).toEqual({ to: 3 })
    expect(move('ArrowUp', 0)).toEqual({ to: 0 })
    expect(move('End', 1)).toEqual({ to: 3 })
    expect(move('Home', 3)).toEqual({ to: 0 })
    expect(move('PageDown', 0)).toEqual({ to: 2 })
    expect(move('PageUp', 1)).toEqual({ to: 0 })
  })

  it('Enter and Space toggle an openable row; a leaf ignores them', () => {
    expect(move('Enter', 1)).toEqual({ toggle: 1 })
    expect(move(' ', 0)).toEqual({ toggle: 0 })
    expect(move('Enter', 2)).toBeNull()
  })

  it('→ steps into an open node and opens a closed one; ← closes an open node or goes to the parent', () => {
    expect(move('ArrowRight', 1)).toEqual({ to: 2 })
    expect(treeMove('ArrowRight', 0, 1, 2, () => row(0, null, false))).toEqual({ toggle: 0 })
    expect(move('ArrowRight', 2)).toBeNull()
    expect(move('ArrowLeft', 1)).toEqual({ toggle: 1 })
    expect(move('ArrowLeft', 2)).toEqual({ to: 1 })
    expect(move('ArrowLeft', 3)).toEqual({ to: 0 })
  })

  it('← stops when the parent row is not loaded yet, and ignores other keys', () => {
    expect(treeMove('ArrowLeft', 2, 4, 2, (i) => (i === 2 ? rows[2] : undefined))).toBeNull()
    expect(move('a', 0)).toBeNull()
  })
})
