import type { TrashEntry } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { trashOptions, useDeleteTrash, useRestoreTrash } from './version-queries'
import { when, who } from './format-value'
import { usePersonName } from './use-person-name'
import './versions.css'

const KIND: Record<TrashEntry['kind'], string> = {
  collection: 'Collection',
  folder: 'Folder',
  request: 'Request',
  environment: 'Environment',
}

/** The sidebar's Trash: what was deleted in the last 30 days, with Restore and Delete forever. */
export function TrashPanel() {
  const trash = useQuery(trashOptions())
  const restore = useRestoreTrash()
  const remove = useDeleteTrash()
  const nameOf = usePersonName()
  const [said, setSaid] = useState<string | null>(null)
  if (trash.isPending) return <p className="trash__empty">Loading the Trash…</p>
  if (trash.isError) return <p className="trash__empty">The Trash could not be loaded: {trash.error.message}</p>
  return (
    <section aria-label="Trash">
      {said ? (
        <p className="trash__empty" role="status">
          {said}
        </p>
      ) : null}
      {trash.data.length === 0 ? (
        <p className="trash__empty">
          The Trash is empty. Deleted requests, folders, collections and environments stay here for 30 days.
        </p>
      ) : (
        <ul className="trash" aria-label="Deleted items">
          {trash.data.map((entry) => (
            <li key={entry.id} className="trash__entry" aria-label={`${KIND[entry.kind]} ${entry.name}`}>
              <span className="trash__text">
                <span className="trash__name">{entry.name}</span>
                <span className="trash__meta">
                  {KIND[entry.kind]}
                  {entry.collectionName ? ` in ${entry.collectionName}` : ''}
                  {entry.itemCount > 0 ? `, ${entry.itemCount} inside` : ''} · deleted by{' '}
                  {nameOf(entry.deletedBy) ?? who(entry.deletedBy).replace(' (another tab)', '')},{' '}
                  {when(entry.deletedAt)}
                </span>
              </span>
              <button
                type="button"
                className="button button--small"
                aria-label={`Restore ${entry.name}`}
                disabled={restore.isPending}
                onClick={() =>
                  restore.mutate(entry.id, { onSuccess: (r) => setSaid(`Restored “${entry.name}” ${r.where}.`) })
                }
              >
                Restore
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                aria-label={`Delete ${entry.name} forever`}
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(entry.id, { onSuccess: () => setSaid(`Deleted “${entry.name}” for good.`) })
                }
              >
                Delete forever
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
