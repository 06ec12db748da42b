import type { CollectionItem, RequestSpec } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { collectionsOptions, useCreateCollection, useCreateItem } from './collection-queries'
import { destinationKey, destinations, parseDestinationKey } from './destinations'
import './collections.css'

type SaveRequestDialogProps = {
  open: boolean
  request: RequestSpec
  suggestedName: string
  onClose: () => void
  onSaved: (item: Extract<CollectionItem, { kind: 'request' }>) => void
}

const NEW_COLLECTION = '__new__'

/** Saves a request (a draft, a history entry) into a collection or folder. */
export function SaveRequestDialog({ open, request, suggestedName, onClose, onSaved }: SaveRequestDialogProps) {
  const { data } = useQuery({ ...collectionsOptions(), enabled: open })
  const createItem = useCreateItem({ shownInline: true })
  const createCollection = useCreateCollection({ shownInline: true })
  const [name, setName] = useState(suggestedName)
  const [target, setTarget] = useState<string>('')
  const [newCollection, setNewCollection] = useState('My API')
  const places = destinations(data ?? [])
  const chosen = target || (places[0] ? destinationKey(places[0]) : NEW_COLLECTION)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const place =
      chosen === NEW_COLLECTION
        ? { collectionId: (await createCollection.mutateAsync(newCollection.trim() || 'My API')).id, parentId: null }
        : parseDestinationKey(chosen)
    const item = await createItem.mutateAsync({
      kind: 'request',
      ...place,
      name: name.trim() || 'Untitled request',
      request,
    })
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
              <option key={destinationKey(place)} value={destinationKey(place)}>
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
