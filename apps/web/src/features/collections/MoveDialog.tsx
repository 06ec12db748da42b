import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { collectionsOptions, useMoveItem } from './collection-queries'
import { destinationKey, destinations, parseDestinationKey } from './destinations'
import type { TreeNode } from './tree-model'

/** "Move to…": the keyboard way to move a request or folder to another folder or collection. */
export function MoveDialog({ node, onClose }: { node: TreeNode | null; onClose: () => void }) {
  const { data } = useQuery(collectionsOptions())
  const move = useMoveItem({ shownInline: true })
  const [target, setTarget] = useState('')
  const places = node ? destinations(data ?? [], node.kind === 'folder' ? node.id : undefined) : []
  const chosen = target || (places[0] ? destinationKey(places[0]) : '')
  return (
    <Dialog
      title={`Move “${node?.name ?? ''}”`}
      open={node !== null}
      onClose={onClose}
      footer={
        <>
          {move.error ? <span className="inline-error">{move.error.message}</span> : null}
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!chosen || !node}
            onClick={() => {
              if (!node) return
              move.mutate(
                { id: node.id, move: { ...parseDestinationKey(chosen), index: 1_000_000 } },
                { onSuccess: onClose },
              )
            }}
          >
            Move
          </button>
        </>
      }
    >
      <label className="field">
        <span>Destination</span>
        <select autoFocus value={chosen} onChange={(event) => setTarget(event.target.value)}>
          {places.map((place) => (
            <option key={destinationKey(place)} value={destinationKey(place)}>
              {place.label}
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  )
}
