import { RequestSpecSchema } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { initialWorkspace, workspaceReducer } from './workspace-reducer'

const spec = (url: string) => RequestSpecSchema.parse({ method: 'GET', url })

describe('restore-kept', () => {
  it('puts a kept edit back into its tab, unsaved, on the version it was made on', () => {
    // After sign-in the tab comes back from the server as last saved there: without the edit.
    let state = workspaceReducer(initialWorkspace, {
      type: 'restore',
      state: {
        tabs: [
          {
            id: 't1',
            title: 'List',
            itemId: 'i1',
            baseVersion: 3,
            draft: spec('http://a/list'),
            isDirty: false,
            responseId: 'r1',
          },
        ],
        activeTabId: 't1',
        environmentId: null,
        closedTabs: [],
      },
    })
    const before = state.tabs[0]!.draft.documentKey
    state = workspaceReducer(state, {
      type: 'restore-kept',
      request: { itemId: 'i1', title: 'List', spec: spec('http://a/list?kept=1'), baseVersion: 3 },
    })
    expect(state.tabs).toHaveLength(1)
    expect(state.tabs[0]).toMatchObject({ id: 't1', isDirty: true, baseVersion: 3, responseId: 'r1' })
    expect(state.tabs[0]!.draft.spec.url).toBe('http://a/list?kept=1')
    expect(state.tabs[0]!.draft.spec.params).toEqual([['kept', '1', true]])
    // A new document key: the editor shows the kept text, not what it held.
    expect(state.tabs[0]!.draft.documentKey).toBeGreaterThan(before)
  })

  it('opens a tab for a kept edit whose tab was closed', () => {
    let state = workspaceReducer(initialWorkspace, {
      type: 'restore',
      state: { tabs: [], activeTabId: null, environmentId: null, closedTabs: [] },
    })
    state = workspaceReducer(state, {
      type: 'restore-kept',
      request: { itemId: 'i2', title: 'Orders', spec: spec('http://a/orders'), baseVersion: 7 },
    })
    expect(state.tabs).toHaveLength(2)
    expect(state.tabs[1]).toMatchObject({ itemId: 'i2', title: 'Orders', isDirty: true, baseVersion: 7 })
  })
})
