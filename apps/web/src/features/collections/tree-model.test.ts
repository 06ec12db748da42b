import { RequestSpecSchema, type CollectionTree } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTree, filterTree, pathTo, visibleRows } from './tree-model'

const base = {
  version: 1,
  updatedAt: '',
  description: '',
  auth: { type: 'inherit' as const },
  headers: [],
  variables: [],
  scripts: { preRequest: '', test: '' },
}
const collection: CollectionTree = {
  ...base,
  id: 'c',
  name: 'Shop',
  schemaVersion: 1,
  items: [
    { ...base, kind: 'folder', id: 'f', collectionId: 'c', parentId: null, name: 'Orders', position: 0 },
    {
      version: 1,
      updatedAt: '',
      kind: 'request',
      id: 'r2',
      collectionId: 'c',
      parentId: 'f',
      name: 'Get order',
      position: 1,
      request: RequestSpecSchema.parse({ method: 'GET', url: '/orders/:id' }),
    },
    {
      version: 1,
      updatedAt: '',
      kind: 'request',
      id: 'r1',
      collectionId: 'c',
      parentId: 'f',
      name: 'List orders',
      position: 0,
      request: RequestSpecSchema.parse({ method: 'GET', url: '/orders' }),
    },
    {
      version: 1,
      updatedAt: '',
      kind: 'request',
      id: 'r3',
      collectionId: 'c',
      parentId: null,
      name: 'Health',
      position: 1,
      request: RequestSpecSchema.parse({ method: 'GET', url: '/health' }),
    },
  ],
}

describe('tree model', () => {
  it('nests items under their folders in saved order', () => {
    const [root] = buildTree([collection])
    expect(root!.children.map((n) => n.name)).toEqual(['Orders', 'Health'])
    expect(root!.children[0]!.children.map((n) => n.name)).toEqual(['List orders', 'Get order'])
  })

  it('shows children of expanded nodes only and finds the path to a request', () => {
    const tree = buildTree([collection])
    expect(visibleRows(tree, new Set(['c'])).map((n) => n.id)).toEqual(['c', 'f', 'r3'])
    expect(visibleRows(tree, new Set(['c', 'f'])).map((n) => n.id)).toEqual(['c', 'f', 'r1', 'r2', 'r3'])
    expect(pathTo(tree, 'r2')).toEqual(['c', 'f', 'r2'])
  })

  it('filters by name or URL, keeping ancestors', () => {
    const tree = filterTree(buildTree([collection]), 'orders/:id')
    expect(visibleRows(tree, new Set(['c', 'f'])).map((n) => n.id)).toEqual(['c', 'f', 'r2'])
  })
})
