import { RequestSpecSchema } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { initialWorkspace, workspaceReducer, type Workspace } from './workspace-reducer'

const spec = (url: string) => RequestSpecSchema.parse({ method: 'GET', url })

function withTab(): Workspace {
  const state = workspaceReducer(initialWorkspace, {
    type: 'restore',
    state: { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] },
  })
  return workspaceReducer(state, {
    type: 'open',
    request: { itemId: 'i1', title: 'List', spec: spec('http://a/list'), baseVersion: 3 },
  })
}

describe('a newer version saved elsewhere (item-updated)', () => {
  const update = {
    type: 'item-updated',
    itemId: 'i1',
    version: 4,
    title: 'List all',
    spec: spec('http://a/all'),
  } as const

  it('is followed by a tab without edits: its draft, title and version become the saved ones', () => {
    const before = withTab()
    const state = workspaceReducer(before, update)
    expect(state.tabs[0]).toMatchObject({ title: 'List all', baseVersion: 4, isDirty: false })
    expect(state.tabs[0]!.draft.spec.url).toBe('http://a/all')
    // The body editor shows the new document, not the old one.
    expect(state.tabs[0]!.draft.documentKey).toBeGreaterThan(before.tabs[0]!.draft.documentKey)
  })

  it('never replaces a draft with edits, nor goes back to an older version', () => {
    let state = withTab()
    const tabId = state.activeTabId!
    state = workspaceReducer(state, { type: 'edit', tabId, action: { type: 'set-url', url: 'http://a/mine' } })
    expect(workspaceReducer(state, update).tabs[0]).toMatchObject({ baseVersion: 3, isDirty: true })
    expect(workspaceReducer(state, update).tabs[0]!.draft.spec.url).toBe('http://a/mine')
    const clean = withTab()
    expect(workspaceReducer(clean, { ...update, version: 2 }).tabs[0]!.baseVersion).toBe(3)
  })
})
