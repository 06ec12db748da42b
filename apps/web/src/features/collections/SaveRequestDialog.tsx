import type { CollectionItem, RequestSpec } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { collectionsOptions, useCreateCollection, useCreateItem } from './collection-queries'
import { destinations } from './destinations'

type SaveRequestDialogProps = { open: boolean; request: RequestSpec; suggestedName: string; onClose: () => void; onSaved: (item: Extract<CollectionItem, { kind: 'request' }>) => void }

const NEW_COLLECTION = '__new__'

/** Saves a request (a draft, a history entry) into a collection or folder. */
export function SaveRequestDialog({ open, request, suggestedName, onClose, onSaved }: SaveRequestDialogProps) {
  const { data } = useQuery({ ...collectionsOptions(), enabled: open })
  const createItem = useCreateItem()
  const createCollection = useCreateCollection()
  const [name, setName] = useState(suggestedName)
  const [target, setTarget] = useState<string>('')
  const [newCollection, setNewCollection] = useState('My API')
  const places = destinations(data ?? [])
  const chosen = target || (places[0] ? `${places[0].collectionId}|${places[0].parentId ?? ''}` : NEW_COLLECTION)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    let collectionId: string
    let parentId: string | null
    if (chosen === NEW_COLLECTION) {
      collectionId = (await createCollection.mutateAsync(newCollection.trim() || 'My API')).id
      parentId = null
    } else {
      const [c, p] = chosen.split('|')
      collectionId = c!
      parentId = p || null
    }
    const item = await createItem.mutateAsync({ kind: 'request', collectionId, parentId, name: name.trim() || 'Untitled request', request })
    if (item.kind === 'request') onSaved(item)
    onClose()
  }

  const error = createItem.error ?? createCollection.error
  return (
    <Dialog title="Save request" open={open} onClose={onClose}>
      <form className="form-grid" onSubmit={(event) => void save(event)}>
        <label className="field">
          <span>Name</span>
          <input autoFocus required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>Save in</span>
          <select value={chosen} onChange={(event) => setTarget(event.target.value)}>
            {places.map((place) => (
              <option key={`${place.collectionId}|${place.parentId ?? ''}`} value={`${place.collectionId}|${place.parentId ?? ''}`}>
                {place.label}
              </option>
            ))}
            <option value={NEW_COLLECTION}>New collection…</option>
          </select>
        </label>
        {chosen === NEW_COLLECTION ? (
          <label className="field">
            <span>New collection name</span>
            <input required value={newCollection} onChange={(event) => setNewCollection(event.target.value)} />
          </label>
        ) : null}
        {error ? <p className="inline-error">{error.message}</p> : null}
        <div className="form-grid__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={createItem.isPending}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  )
}
