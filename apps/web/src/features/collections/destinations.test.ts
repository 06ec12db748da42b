import type { CollectionTree } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { destinationKey, destinations, parseDestinationKey } from './destinations'

const base = {
  version: 1,
  updatedAt: '',
  description: '',
  auth: { type: 'inherit' as const },
  headers: [],
  variables: [],
  scripts: { preRequest: '', test: '' },
}
const folder = (id: string, parentId: string | null, name: string) => ({
  ...base,
  kind: 'folder' as const,
  id,
  collectionId: 'c',
  parentId,
  name,
  position: 0,
})
const collection: CollectionTree = {
  ...base,
  id: 'c',
  name: 'Shop',
  schemaVersion: 1,
  items: [folder('f', null, 'Orders'), folder('g', 'f', 'Refunds'), folder('h', null, 'Users')],
}

describe('destinations', () => {
  it('lists the top level and every folder depth first, leaving out a folder being moved', () => {
    expect(destinations([collection]).map((d) => d.label)).toEqual([
      'Shop',
      'Shop / Orders',
      'Shop / Orders / Refunds',
      'Shop / Users',
    ])
    expect(destinations([collection], 'f').map((d) => d.label)).toEqual(['Shop', 'Shop / Users'])
  })

  it('round-trips a destination through its option value', () => {
    expect(parseDestinationKey(destinationKey({ collectionId: 'c', parentId: null }))).toEqual({
      collectionId: 'c',
      parentId: null,
    })
    expect(parseDestinationKey(destinationKey({ collectionId: 'c', parentId: 'f' }))).toEqual({
      collectionId: 'c',
      parentId: 'f',
    })
  })
})
