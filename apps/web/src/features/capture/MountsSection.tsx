import type { CaptureMount } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { mountPatch, mountsOptions, useCreateMount, useDeleteMount, useUpdateMount } from './capture-queries'
import { ConfirmDelete } from './ConfirmDelete'
import { CopyButton } from './CopyButton'
import { MountForm } from './MountForm'

/** The person's capture mounts: a form for a new one, and each with its URL, Pause/Resume, Edit, Delete. */
export function MountsSection() {
  const mounts = useQuery(mountsOptions())
  const create = useCreateMount()
  const update = useUpdateMount()
  const remove = useDeleteMount()
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<CaptureMount | null>(null)
  const list = mounts.data ?? []
  const showForm = adding || (mounts.isSuccess && list.length === 0)

  return (
    <section className="capture-mounts" aria-label="Mounts">
      <header className="capture__section-head">
        <h3>Mounts</h3>
        {!showForm ? (
          <button type="button" className="button button--small" onClick={() => setAdding(true)}>
            New mount
          </button>
        ) : null}
      </header>
      {mounts.isSuccess && list.length === 0 ? (
        <p className="capture__empty">
          A mount forwards your front end&apos;s calls to an API and records each one here: with a mount named{' '}
          <code>api</code> whose upstream is your API, a page on <code>http://localhost:5173</code> calls{' '}
          <code>…/capture/api/users</code> instead of the API&apos;s own <code>/users</code>.
        </p>
      ) : null}
      {mounts.error ? <ErrorAlert {...errorParts(mounts.error)} /> : null}
      {showForm ? (
        <MountForm
          key="new"
          busy={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input, { onSuccess: () => setAdding(false) })}
          onCancel={list.length ? () => setAdding(false) : undefined}
        />
      ) : null}
      <ul className="capture-mounts__list">
        {list.map((mount) =>
          editing === mount.id ? (
            <li key={mount.id} className="capture-mount">
              <MountForm
                mount={mount}
                busy={update.isPending}
                error={update.error}
                onSubmit={(input) => update.mutate(mountPatch(mount, input), { onSuccess: () => setEditing(null) })}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={mount.id} className="capture-mount" aria-label={`Mount ${mount.name}`}>
              <div className="capture-mount__main">
                <span className="capture-mount__name">{mount.name}</span>
                {mount.enabled ? null : <span className="capture-mount__paused">Paused</span>}
                <code className="capture-mount__url" title="Capture URL">
                  {mount.url}
                </code>
                <span className="capture-mount__arrow" aria-hidden="true">
                  →
                </span>
                <code className="capture-mount__upstream" title="Upstream">
                  {mount.upstream}
                </code>
              </div>
              <div className="capture-mount__meta">
                {mount.allowedOrigins.length
                  ? `Pages allowed: ${mount.allowedOrigins.join(', ')}`
                  : 'No page origins allowed (calls from a browser page are refused)'}
                {mount.headers.length ? ` · injects ${mount.headers.map(([name]) => name).join(', ')}` : ''}
              </div>
              <div className="capture-mount__actions">
                <CopyButton text={mount.url} label={`Copy URL of mount ${mount.name}`} />
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => update.mutate(mountPatch(mount, { enabled: !mount.enabled }))}
                >
                  {mount.enabled ? 'Pause' : 'Resume'}
                </button>
                <button type="button" className="button button--small" onClick={() => setEditing(mount.id)}>
                  Edit
                </button>
                <button type="button" className="button button--small button--ghost" onClick={() => setDeleting(mount)}>
                  Delete
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      {update.error && editing === null ? <ErrorAlert {...errorParts(update.error)} /> : null}
      {remove.error ? <ErrorAlert {...errorParts(remove.error)} /> : null}
      <ConfirmDelete
        what={deleting ? `mount ${deleting.name}` : null}
        detail="Its URL stops answering at once; the exchanges it recorded stay in history."
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </section>
  )
}
