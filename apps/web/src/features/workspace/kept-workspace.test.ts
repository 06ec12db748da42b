// @vitest-environment jsdom

import { RequestSpecSchema } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { forgetKeptWorkspace, keepWorkspace, keptWorkspaceKey, readKeptWorkspace } from './kept-workspace'

describe('kept workspace', () => {
  it('reads back the drafts it kept, nothing once forgotten, and nothing from a damaged entry', () => {
    const key = keptWorkspaceKey('courier.outbox.v1:http://a:1:u1:w1')
    const state = {
      tabs: [
        {
          id: 't1',
          title: 'Draft',
          itemId: null,
          baseVersion: null,
          draft: RequestSpecSchema.parse({ method: 'GET', url: 'http://a/draft' }),
          isDirty: true,
          responseId: null,
        },
      ],
      activeTabId: 't1',
      environmentId: null,
      closedTabs: [],
    }
    keepWorkspace(key, JSON.stringify(state))
    expect(readKeptWorkspace(key)).toEqual(state)
    expect(readKeptWorkspace(keptWorkspaceKey('courier.outbox.v1:http://a:1:u2:w1'))).toBeNull()
    forgetKeptWorkspace(key)
    expect(readKeptWorkspace(key)).toBeNull()
    localStorage.setItem(key, '{"tabs": 3')
    expect(readKeptWorkspace(key)).toBeNull()
  })
})
