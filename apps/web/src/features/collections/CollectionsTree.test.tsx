import { RequestSpecSchema, type CollectionItem, type CollectionTree } from '@courier/shared'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { collectionKeys } from './collection-queries'
import { CollectionsTree } from './CollectionsTree'

const base = {
  version: 1,
  updatedAt: '',
  description: '',
  auth: { type: 'inherit' as const },
  headers: [],
  variables: [],
  scripts: { preRequest: '', test: '' },
}
const request = (id: string, parentId: string | null, name: string, position: number, url: string): CollectionItem => ({
  version: 1,
  updatedAt: '',
  kind: 'request',
  id,
  collectionId: 'c',
  parentId,
  name,
  position,
  request: RequestSpecSchema.parse({ method: 'GET', url }),
})
const shop: CollectionTree = {
  ...base,
  id: 'c',
  name: 'Shop',
  schemaVersion: 1,
  items: [
    { ...base, kind: 'folder', id: 'f', collectionId: 'c', parentId: null, name: 'Orders', position: 0 },
    request('r1', 'f', 'List orders', 0, '/orders'),
    request('r2', 'f', 'Get order', 1, '/orders/:id'),
    request('r3', null, 'Health', 1, '/health'),
  ],
}

/** The tree over a saved collection, already loaded (no server): what it opens is recorded. */
function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } })
  client.setQueryData(collectionKeys.all, [shop])
  const opened: [string, boolean][] = []
  render(
    <QueryClientProvider client={client}>
      <CollectionsTree
        activeItemId={null}
        onOpenRequest={(item, newTab) => opened.push([item.id, newTab])}
        onOpenSettings={() => {}}
        onMoveRequest={() => {}}
        onRemoved={() => {}}
        onRenamed={() => {}}
      />
    </QueryClientProvider>,
  )
  const item = (name: string) => screen.getByRole('treeitem', { name })
  const visible = () => screen.getAllByRole('treeitem').map((row) => row.getAttribute('aria-label'))
  /** Focus comes to the tree the way Tab brings it: to the row whose tabindex is 0. */
  const focusTree = () =>
    act(() =>
      screen
        .getAllByRole('treeitem')
        .find((row) => row.tabIndex === 0)!
        .focus(),
    )
  return { item, visible, opened, focusTree, user: userEvent.setup({ delay: null }) }
}

describe('CollectionsTree keyboard', () => {
  it('one row takes Tab (roving tabindex) and the arrows move focus through the visible rows', async () => {
    const { item, visible, focusTree, user } = setup()
    expect(visible()).toEqual(['Shop'])
    expect(item('Shop').tabIndex).toBe(0)
    focusTree()
    expect(item('Shop')).toBe(document.activeElement)

    await user.keyboard('{ArrowRight}') // a closed node opens, focus stays
    expect(item('Shop').getAttribute('aria-expanded')).toBe('true')
    expect(visible()).toEqual(['Shop', 'Orders', 'GET Health'])
    expect(item('Shop')).toBe(document.activeElement)

    await user.keyboard('{ArrowRight}') // an open node moves to its first child
    expect(item('Orders')).toBe(document.activeElement)
    expect(item('Orders').tabIndex).toBe(0)
    expect(item('Shop').tabIndex).toBe(-1)

    await user.keyboard('{ArrowDown}')
    expect(item('GET Health')).toBe(document.activeElement)
    await user.keyboard('{ArrowDown}') // the last row stays focused
    expect(item('GET Health')).toBe(document.activeElement)
    await user.keyboard('{ArrowUp}{ArrowUp}')
    expect(item('Shop')).toBe(document.activeElement)
    await user.keyboard('{ArrowUp}') // and so does the first
    expect(item('Shop')).toBe(document.activeElement)
  })

  it('ArrowLeft closes an open node, then goes to the parent; Enter and Space toggle folders and open requests', async () => {
    const { item, visible, opened, focusTree, user } = setup()
    focusTree()
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowDown}') // Shop open › Orders open › List orders
    expect(visible()).toEqual(['Shop', 'Orders', 'GET List orders', 'GET Get order', 'GET Health'])
    expect(item('GET List orders')).toBe(document.activeElement)

    await user.keyboard('{Enter}')
    expect(opened).toEqual([['r1', false]])
    await user.keyboard('{ArrowDown} ')
    expect(opened).toEqual([
      ['r1', false],
      ['r2', false],
    ])

    await user.keyboard('{ArrowLeft}') // a request goes to its folder
    expect(item('Orders')).toBe(document.activeElement)
    await user.keyboard('{ArrowLeft}') // an open folder closes
    expect(item('Orders').getAttribute('aria-expanded')).toBe('false')
    expect(visible()).toEqual(['Shop', 'Orders', 'GET Health'])
    await user.keyboard('{ArrowLeft}') // a closed folder goes to its collection
    expect(item('Shop')).toBe(document.activeElement)

    await user.keyboard('{Enter}') // Enter on a collection toggles it
    expect(visible()).toEqual(['Shop'])
    await user.keyboard(' ')
    expect(visible()).toEqual(['Shop', 'Orders', 'GET Health'])
  })

  it('F2 starts renaming the focused row', async () => {
    const { focusTree, user } = setup()
    focusTree()
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowDown}{F2}')
    const box = screen.getByRole('textbox', { name: 'New name for Health' }) as HTMLInputElement
    expect(box.value).toBe('Health')
  })
})
