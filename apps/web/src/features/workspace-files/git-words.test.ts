import { WorkspaceFilesStatusSchema, type GitChange, type WorkspaceFilesStatus } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { canCommit, changeSummary, changeTitle, gitButtonLabel, upstreamWords } from './git-words'

const change = (over: Partial<GitChange> = {}): GitChange => ({
  path: 'collections/shop/list-orders.yaml',
  status: 'modified',
  kind: 'request',
  name: 'List orders',
  itemId: 'i1',
  words: ['header X-Api-Key added', 'body changed'],
  ...over,
})

const status = (
  over: Partial<WorkspaceFilesStatus> = {},
  git: Partial<NonNullable<WorkspaceFilesStatus['git']>> = {},
) =>
  WorkspaceFilesStatusSchema.parse({
    dir: '/work/api',
    fromFlag: false,
    syncedAt: null,
    problems: [],
    literalCredentials: [],
    notices: [],
    gitError: null,
    gitAvailable: true,
    git: { repository: true, branch: 'main', upstream: null, ahead: 0, behind: 0, changes: [], ...git },
    ...over,
  })

describe('git words', () => {
  it('labels the top bar with the branch, the count of changed files and of unreadable ones', () => {
    expect(gitButtonLabel(status())).toBe('main')
    expect(gitButtonLabel(status({}, { changes: [change(), change({ path: 'b.yaml' })] }))).toBe('main · 2')
    expect(gitButtonLabel(status({ problems: [{ path: 'x.yaml', message: 'line 3: bad' }] }, { branch: null }))).toBe(
      'no branch · 1 unreadable',
    )
    expect(gitButtonLabel(status({}, { repository: false }))).toBe('not a repository')
    expect(gitButtonLabel(status({ gitAvailable: false, git: null }))).toBe('no git')
  })

  it('says where the branch stands against its upstream', () => {
    const git = status().git!
    expect(upstreamWords(git)).toBe('no upstream')
    expect(upstreamWords({ ...git, upstream: 'origin/main' })).toBe('up to date with origin/main')
    expect(upstreamWords({ ...git, upstream: 'origin/main', ahead: 2, behind: 1 })).toBe(
      '2 ahead · 1 behind origin/main',
    )
  })

  it('names a change by what it holds, or by its file, and says what changed in one line', () => {
    expect(changeTitle(change())).toBe('List orders')
    expect(changeTitle(change({ name: null, path: 'collections/shop/notes.txt' }))).toBe('notes.txt')
    expect(changeSummary(change())).toBe('header X-Api-Key added · body changed')
  })

  it('commits only with a message and something changed', () => {
    const git = status({}, { changes: [change()] }).git
    expect(canCommit('Add orders', git)).toBe(true)
    expect(canCommit('   ', git)).toBe(false)
    expect(canCommit('Add orders', status().git)).toBe(false)
    expect(canCommit('Add orders', null)).toBe(false)
  })
})
