import type { CollectionTree } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTree } from './tree-model'
import { treeMenuItems } from './tree-menu'

const shop = {
  id: 'c',
  name: 'Shop',
  items: [{ id: 'f', kind: 'folder', name: 'Orders', parentId: null, position: 0, collectionId: 'c' }],
} as unknown as CollectionTree

const actions = {
  addRequest: () => {},
  addFolder: () => {},
  remove: () => {},
  startRename: () => {},
  duplicate: () => {},
}
const base = { onOpenRequest: () => {}, onOpenSettings: () => {}, onMoveRequest: () => {} }

describe('the tree menu’s runner entries', () => {
  it('runs a collection or a folder when the runner is offered, and is absent otherwise', () => {
    const [collection] = buildTree([shop])
    const folder = collection!.children[0]!
    const ran: unknown[] = []
    const events = { ...base, onRun: (target: unknown) => ran.push(target) }
    treeMenuItems(collection!, actions, events)
      .find((item) => item.label === 'Run collection')
      ?.run()
    treeMenuItems(folder, actions, events)
      .find((item) => item.label === 'Run folder')
      ?.run()
    expect(ran).toEqual([
      { collectionId: 'c', name: 'Shop' },
      { collectionId: 'c', folderId: 'f', name: 'Orders' },
    ])
    expect(treeMenuItems(collection!, actions, base).map((item) => item.label)).not.toContain('Run collection')
  })
})
