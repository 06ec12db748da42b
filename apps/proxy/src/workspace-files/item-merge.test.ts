import type { CollectionItem, CollectionTree } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { mergeTrees, printsOf } from './item-merge.js'

const req = (id: string, url: string, position: number, version = 1): CollectionItem =>
  ({
    id,
    kind: 'request',
    collectionId: 'c',
    parentId: null,
    name: id,
    position,
    version,
    updatedAt: `2026-01-0${version}T00:00:00Z`,
    request: { method: 'GET', url },
  }) as unknown as CollectionItem
const tree = (items: CollectionItem[]): CollectionTree =>
  ({ id: 'c', name: 'C', version: 1, updatedAt: 'x', schemaVersion: 1, items }) as unknown as CollectionTree

describe('mergeTrees', () => {
  const base = tree([req('A', 'a', 0), req('B', 'b', 1)])
  const prints = printsOf(base)

  it('keeps Courier’s change to A and the files’ change to B', () => {
    const notices: string[] = []
    const merged = mergeTrees(
      prints,
      tree([req('A', 'a', 0), req('B', 'b2', 1)]),
      tree([req('A', 'a2', 0, 2), req('B', 'b', 1)]),
      (w) => notices.push(w),
    )
    const urls = Object.fromEntries(merged.items.map((i) => [i.id, i.kind === 'request' ? i.request.url : '']))
    expect(urls).toEqual({ A: 'a2', B: 'b2' })
    expect(notices).toEqual([])
  })

  it('keeps a request edited on one side and deleted on the other; deletes an unchanged one', () => {
    const merged = mergeTrees(prints, tree([req('B', 'b', 1)]), tree([req('A', 'a2', 0, 2)]), () => {})
    expect(merged.items.map((i) => i.id)).toEqual(['A'])
  })

  it('a true conflict: the files win, one notice naming the request', () => {
    const notices: string[] = []
    const merged = mergeTrees(
      prints,
      tree([req('A', 'af', 0), req('B', 'b', 1)]),
      tree([req('A', 'ad', 0, 2), req('B', 'b', 1)]),
      (w) => notices.push(w),
    )
    expect(merged.items.find((i) => i.id === 'A')).toMatchObject({ request: { url: 'af' } })
    expect(notices).toEqual(['request "A"'])
  })

  it('order changed in Courier and another request in the files: both kept', () => {
    const merged = mergeTrees(
      prints,
      tree([req('A', 'a', 0), req('B', 'b2', 1)]),
      tree([req('A', 'a', 1, 2), req('B', 'b', 0, 2)]),
      () => {},
    )
    expect(merged.items.find((i) => i.id === 'A')!.position).toBe(1)
    expect(merged.items.find((i) => i.id === 'B')).toMatchObject({ position: 0, request: { url: 'b2' } })
  })
})
