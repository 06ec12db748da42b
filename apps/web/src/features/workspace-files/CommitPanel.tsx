import type { GitState } from '@courier/shared'
import { useId, useState } from 'react'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { canCommit } from './git-words'
import type { GitCommand, useGitCommand } from './workspace-files-queries'

const DOING: Record<GitCommand, string> = {
  init: 'Initialising…',
  commit: 'Committing…',
  pull: 'Pulling…',
  push: 'Pushing…',
}

/** Commit (message, Ctrl+Enter), Pull and Push, each only when asked; the last command's output below. */
export function CommitPanel({ git, command }: { git: GitState; command: GitCommandState }) {
  const [message, setMessage] = useState('')
  const messageId = useId()
  const ready = canCommit(message, git) && !command.isPending
  const commit = () => {
    if (!ready) return
    command.mutate({ command: 'commit', message }, { onSuccess: () => setMessage('') })
  }

  return (
    <section className="git-commit" aria-label="Commit">
      <label className="git-commit__label" htmlFor={messageId}>
        Commit message
      </label>
      <textarea
        id={messageId}
        className="text-input git-commit__message"
        rows={3}
        value={message}
        placeholder={git.changes.length ? 'What changed, for the others' : 'Nothing to commit'}
        onChange={(event) => setMessage(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            commit()
          }
        }}
      />
      <div className="git-commit__actions">
        <button type="button" className="button button--primary" disabled={!ready} onClick={commit}>
          Commit
        </button>
        <span className="git-commit__hint">Ctrl+Enter</span>
        <span className="git-commit__spacer" />
        <button
          type="button"
          className="button"
          disabled={command.isPending}
          onClick={() => command.mutate({ command: 'pull' })}
        >
          Pull
        </button>
        <button
          type="button"
          className="button"
          disabled={command.isPending}
          onClick={() => command.mutate({ command: 'push' })}
        >
          Push
        </button>
      </div>
    </section>
  )
}

export type GitCommandState = ReturnType<typeof useGitCommand>

/** What the last git command printed, or why it failed (the server's sentence). */
export function GitOutput({ state }: { state: GitCommandState }) {
  const command: GitCommand | null = state.variables?.command ?? null
  const pending = state.isPending && command ? DOING[command] : null
  const output = state.data?.output ?? null
  const error = state.error
  if (pending)
    return (
      <p className="git-output__pending" role="status">
        {pending}
      </p>
    )
  if (error) return <ErrorAlert {...errorParts(error)} context={command ? [`git ${command}`] : []} />
  if (output === null) return null
  return (
    <section className="git-output" aria-label="Git output">
      <h3 className="git-view__heading">git {command}</h3>
      <pre className="git-output__text">{output || 'Done (git printed nothing).'}</pre>
    </section>
  )
}
