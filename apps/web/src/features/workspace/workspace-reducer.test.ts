import { RequestSpecSchema } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { initialWorkspace, toWorkspaceState, workspaceReducer, type Workspace } from './workspace-reducer'

const spec = (url: string) => RequestSpecSchema.parse({ method: 'GET', url })
const restored = (): Workspace =>
  workspaceReducer(initialWorkspace, {
    type: 'restore',
    state: { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] },
  })

describe('workspaceReducer', () => {
  it('starts with one scratch tab when nothing was saved', () => {
    const state = restored()
    expect(state.tabs).toHaveLength(1)
    expect(state.activeTabId).toBe(state.tabs[0]!.id)
  })

  it('opens a saved request once, focusing its tab the second time, and reuses an empty scratch tab', () => {
    let state = restored()
    state = workspaceReducer(state, {
      type: 'open',
      request: { itemId: 'i1', title: 'List', spec: spec('http://a/list'), baseVersion: 3 },
    })
    expect(state.tabs).toHaveLength(1)
    state = workspaceReducer(state, { type: 'new-tab' })
    state = workspaceReducer(state, {
      type: 'open',
      request: { itemId: 'i1', title: 'List', spec: spec('http://a/list'), baseVersion: 3 },
    })
    expect(state.tabs).toHaveLength(2)
    expect(state.tabs.find((t) => t.id === state.activeTabId)?.itemId).toBe('i1')
  })

  it('marks a tab dirty on edit and clean on save, keeping drafts across a round trip', () => {
    let state = workspaceReducer(restored(), {
      type: 'open',
      request: { itemId: 'i1', title: 'List', spec: spec('http://a/list'), baseVersion: 3 },
    })
    const tabId = state.activeTabId!
    state = workspaceReducer(state, { type: 'edit', tabId, action: { type: 'set-url', url: 'http://a/list?page=2' } })
    expect(state.tabs[0]!.isDirty).toBe(true)
    const persisted = toWorkspaceState(state)
    const reloaded = workspaceReducer(initialWorkspace, { type: 'restore', state: persisted })
    expect(reloaded.tabs[0]!.draft.spec.url).toBe('http://a/list?page=2')
    expect(reloaded.tabs[0]!.isDirty).toBe(true)
    state = workspaceReducer(state, { type: 'saved', tabId, itemId: 'i1', version: 4, title: 'List' })
    expect(state.tabs[0]).toMatchObject({ isDirty: false, baseVersion: 4 })
  })

  it('fills the params tables of a request that carries its query only in the URL', () => {
    const state = workspaceReducer(restored(), {
      type: 'open',
      request: { itemId: 'i9', title: 'Search', spec: spec('http://a/users/:id?q=x&tag=1&tag=2'), baseVersion: 1 },
    })
    expect(state.tabs[0]!.draft.spec.params).toEqual([
      ['q', 'x', true],
      ['tag', '1', true],
      ['tag', '2', true],
    ])
    expect(state.tabs[0]!.draft.spec.pathParams).toEqual([['id', '']])
  })

  it('keeps the tab of a deleted request open as an unsaved draft', () => {
    let state = workspaceReducer(restored(), {
      type: 'open',
      request: { itemId: 'i1', title: 'List', spec: spec('http://a/list'), baseVersion: 1 },
    })
    state = workspaceReducer(state, { type: 'item-removed', itemIds: ['i1'] })
    expect(state.tabs[0]).toMatchObject({ itemId: null, isDirty: true })
  })

  it('closing the last tab leaves a fresh one; closing the active one activates a neighbour', () => {
    let state = restored()
    state = workspaceReducer(state, { type: 'new-tab' })
    const [first, second] = state.tabs
    state = workspaceReducer(state, { type: 'close', tabId: second!.id })
    expect(state.activeTabId).toBe(first!.id)
    state = workspaceReducer(state, { type: 'close', tabId: first!.id })
    expect(state.tabs).toHaveLength(1)
    expect(state.tabs[0]!.id).not.toBe(first!.id)
  })
})
