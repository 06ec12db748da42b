import { RequestSpecSchema } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { initialWorkspace, toWorkspaceState, workspaceReducer, type Workspace } from './workspace-reducer'

const spec = (url: string) => RequestSpecSchema.parse({ method: 'POST', url })
const empty = { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] }
const restored = (): Workspace => workspaceReducer(initialWorkspace, { type: 'restore', state: empty })

/** Three tabs: a saved request (clean), a typed draft, and a saved request with edits. */
function threeTabs(): Workspace {
  let state = workspaceReducer(restored(), {
    type: 'open',
    request: { itemId: 'i1', title: 'List', spec: spec('http://a/list'), baseVersion: 1 },
  })
  state = workspaceReducer(state, { type: 'new-tab' })
  state = workspaceReducer(state, {
    type: 'edit',
    tabId: state.activeTabId!,
    action: { type: 'set-url', url: 'http://a/draft' },
  })
  state = workspaceReducer(state, {
    type: 'open',
    newTab: true,
    request: { itemId: 'i2', title: 'Create', spec: spec('http://a/create'), baseVersion: 1 },
  })
  return workspaceReducer(state, {
    type: 'edit',
    tabId: state.activeTabId!,
    action: { type: 'set-url', url: 'http://a/create?x=1' },
  })
}

describe('closed tabs', () => {
  it('reopens the last closed draft with what was typed, dirty as it was', () => {
    let state = threeTabs()
    const draft = state.tabs[1]!
    state = workspaceReducer(state, { type: 'close', tabId: draft.id })
    expect(state.tabs).toHaveLength(2)
    state = workspaceReducer(state, { type: 'reopen-closed' })
    expect(state.tabs).toHaveLength(3)
    const back = state.tabs.find((tab) => tab.id === state.activeTabId)!
    expect(back.draft.spec.url).toBe('http://a/draft')
    expect(back.isDirty).toBe(true)
    expect(state.closedTabs).toHaveLength(0)
  })

  it('keeps the closed-tab list across a save and restore, newest first, and forgets an untouched blank tab', () => {
    let state = threeTabs()
    state = workspaceReducer(state, { type: 'close-many', tabIds: [state.tabs[0]!.id, state.tabs[2]!.id] })
    state = workspaceReducer(state, { type: 'new-tab' })
    state = workspaceReducer(state, { type: 'close', tabId: state.activeTabId! })
    const reloaded = workspaceReducer(initialWorkspace, {
      type: 'restore',
      state: JSON.parse(JSON.stringify(toWorkspaceState(state))),
    })
    expect(reloaded.closedTabs.map((tab) => tab.title)).toEqual(['Create', 'List'])
    expect(reloaded.closedTabs[0]!.draft.url).toBe('http://a/create?x=1')
  })

  it('close-many leaves a neighbour active, or a fresh tab when everything closed', () => {
    let state = threeTabs()
    const [first, second, third] = state.tabs
    state = workspaceReducer(state, { type: 'close-many', tabIds: [second!.id, third!.id] })
    expect(state.activeTabId).toBe(first!.id)
    state = workspaceReducer(state, { type: 'close-many', tabIds: [first!.id] })
    expect(state.tabs).toHaveLength(1)
    expect(state.tabs[0]!.draft.spec.url).toBe('')
  })

  it('reopening a saved request that is open again focuses that tab instead of a duplicate', () => {
    let state = threeTabs()
    state = workspaceReducer(state, { type: 'close', tabId: state.tabs[0]!.id })
    state = workspaceReducer(state, {
      type: 'open',
      newTab: true,
      request: { itemId: 'i1', title: 'List', spec: spec('http://a/list'), baseVersion: 1 },
    })
    const count = state.tabs.length
    state = workspaceReducer(state, { type: 'reopen-closed' })
    expect(state.tabs).toHaveLength(count)
    expect(state.tabs.find((tab) => tab.id === state.activeTabId)!.itemId).toBe('i1')
  })
})
