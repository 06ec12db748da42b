import type { GitChange, GitState, WorkspaceFilesStatus } from '@courier/shared'

/** The top bar's words beside "Git": "main · 3", "main · 1 unreadable", or just the branch when all is committed. */
export function gitButtonLabel(status: WorkspaceFilesStatus): string {
  const git = status.git
  if (!status.gitAvailable) return 'no git'
  if (!git) return ''
  if (!git.repository) return 'not a repository'
  const parts = [git.branch ?? 'no branch']
  if (git.changes.length) parts.push(String(git.changes.length))
  if (status.problems.length) parts.push(`${status.problems.length} unreadable`)
  return parts.join(' · ')
}

/** Where the branch stands against its upstream: "2 ahead · 1 behind origin/main", "up to date with …". */
export function upstreamWords(git: GitState): string {
  if (!git.upstream) return 'no upstream'
  const parts = [git.ahead ? `${git.ahead} ahead` : '', git.behind ? `${git.behind} behind` : ''].filter(Boolean)
  return parts.length ? `${parts.join(' · ')} ${git.upstream}` : `up to date with ${git.upstream}`
}

const KIND_WORDS: Record<GitChange['kind'], string> = {
  collection: 'Collection',
  folder: 'Folder',
  request: 'Request',
  environment: 'Environment',
  other: 'File',
}

/** A change's title: the name it holds, or its file name when it holds none Courier knows. */
export function changeTitle(change: GitChange): string {
  return change.name ?? change.path.split('/').pop() ?? change.path
}

/** "Request", "Environment"…: what kind of thing the file holds. */
export const kindWords = (change: GitChange) => KIND_WORDS[change.kind]

/** What changed, in one line: "header X-Api-Key added · body changed". */
export function changeSummary(change: GitChange): string {
  return change.words.join(' · ')
}

/** The commit can go: a message and something to commit. */
export function canCommit(message: string, git: GitState | null): boolean {
  return message.trim().length > 0 && Boolean(git?.repository) && (git?.changes.length ?? 0) > 0
}
