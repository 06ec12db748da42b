import type { GitChange, SavedRequestItem } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { collectionsOptions } from '../collections'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { ChangesList } from './ChangesList'
import { CommitPanel, GitOutput } from './CommitPanel'
import { FileProblems } from './FileProblems'
import { upstreamWords } from './git-words'
import { useGitCommand, useWorkspaceFiles } from './workspace-files-queries'
import './workspace-files.css'

type GitViewProps = {
  onOpenRequest: (item: SavedRequestItem) => void
  onClose: () => void
}

const NO_GIT = 'This machine has no git command; install git to see status, commit, pull and push.'

/** The workspace folder's git status, problems first, the changes in words, and commit / pull / push. */
export function GitView({ onOpenRequest, onClose }: GitViewProps) {
  const files = useWorkspaceFiles()
  const command = useGitCommand()
  const tree = useQuery(collectionsOptions())
  const requests = useMemo(() => {
    const byId = new Map<string, SavedRequestItem>()
    for (const collection of tree.data ?? [])
      for (const item of collection.items) if (item.kind === 'request') byId.set(item.id, item)
    return byId
  }, [tree.data])
  const status = files.data
  const git = status?.git ?? null
  const openable = (change: GitChange) => change.kind === 'request' && !!change.itemId && requests.has(change.itemId)

  return (
    <section className="git-view" aria-label="Git">
      <header className="git-view__bar">
        <h2 className="git-view__title">Git</h2>
        {status?.dir ? (
          <code className="git-view__dir" title={status.dir} aria-label="Workspace folder">
            <bdi dir="ltr">{status.dir}</bdi>
          </code>
        ) : null}
        {git?.repository ? (
          <span className="git-view__branch" aria-label="Branch">
            <span
              className="git-view__branch-name"
              title={git.branch ? undefined : 'A detached HEAD, or a repository without a commit yet'}
            >
              {git.branch ?? 'no branch'}
            </span>
            <span className="git-view__upstream">{upstreamWords(git)}</span>
          </span>
        ) : null}
        <span className="git-view__spacer" />
        <button type="button" className="button button--small" onClick={onClose}>
          Back to requests
        </button>
      </header>
      <div className="git-view__body">
        {files.error ? <ErrorAlert {...errorParts(files.error)} /> : null}
        {status && !status.dir ? (
          <p className="git-view__empty">The workspace is kept only in Courier; choose a folder in Settings.</p>
        ) : null}
        {status?.dir ? <FileProblems status={status} /> : null}
        {status?.dir && !status.gitAvailable ? <p className="git-view__empty">{NO_GIT}</p> : null}
        {status?.gitError ? <ErrorAlert code="GIT_FAILED" message={status.gitError} context={['git status']} /> : null}
        {status?.dir && git && !git.repository ? (
          <div className="git-view__init">
            <p className="git-view__empty">This folder is not in a git repository yet.</p>
            <button
              type="button"
              className="button button--primary"
              disabled={command.isPending}
              onClick={() => command.mutate({ command: 'init' })}
            >
              Initialise git repository
            </button>
          </div>
        ) : null}
        {git?.repository ? (
          <>
            <section className="git-view__section" aria-label="Changes">
              <h3 className="git-view__heading">
                {git.changes.length
                  ? `${git.changes.length} changed ${git.changes.length === 1 ? 'file' : 'files'}`
                  : 'Changes'}
              </h3>
              {git.changes.length ? (
                <ChangesList
                  changes={git.changes}
                  unreadable={new Set(status?.problems.map((problem) => problem.path))}
                  openable={openable}
                  onOpen={(change) => {
                    const item = change.itemId ? requests.get(change.itemId) : undefined
                    if (item) onOpenRequest(item)
                  }}
                />
              ) : (
                <p className="git-view__empty" role="status">
                  The files match the last commit.
                </p>
              )}
            </section>
            <CommitPanel git={git} command={command} />
          </>
        ) : null}
        <GitOutput state={command} />
      </div>
    </section>
  )
}
