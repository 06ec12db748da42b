import { GLOBALS_ID, teamEndpoints } from '@courier/shared'
import './team.css'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { callEndpoint } from '../../shared/api/proxy-client'
import { Dialog } from '../../shared/ui/Dialog'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { environmentsOptions } from '../environments'
import { meOptions } from './team-queries'
import { activeWorkspace } from './use-current-workspace'

type CopyTarget = { collectionId: string; name: string }
type CopyToWorkspaceDialogProps = {
  target: CopyTarget | null
  onClose: () => void
  onCopied: (sentence: string) => void
}

/** Shares a collection with a team (or takes a team's back): a copy with fresh ids, plus the environments chosen. */
export function CopyToWorkspaceDialog({ target, onClose, onCopied }: CopyToWorkspaceDialogProps) {
  const { data: me } = useQuery(meOptions())
  const { data: environments } = useQuery(environmentsOptions())
  const current = activeWorkspace(me)
  const destinations = (me?.workspaces ?? []).filter((w) => w.id !== current?.id && w.role !== 'viewer')
  const [workspaceId, setWorkspaceId] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const destination = destinations.find((w) => w.id === workspaceId) ?? destinations[0]
  const copy = useMutation({
    mutationFn: () =>
      callEndpoint(teamEndpoints.copyCollection, {
        params: { id: target!.collectionId },
        body: { workspaceId: destination!.id, environmentIds: chosen },
      }),
    onSuccess: () => {
      onCopied(`Copied “${target?.name}” to ${destination?.name}.`)
      setChosen([])
      onClose()
    },
  })
  const toggle = (id: string) => setChosen((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))
  return (
    <Dialog
      title={`Copy “${target?.name ?? ''}” to another workspace`}
      open={target !== null}
      onClose={onClose}
      footer={
        <>
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!destination || copy.isPending}
            onClick={() => copy.mutate()}
          >
            Copy
          </button>
        </>
      }
    >
      {copy.error ? <ErrorAlert {...errorParts(copy.error)} /> : null}
      {destinations.length === 0 ? (
        <p className="hint">You are an editor in no other workspace; ask a team’s owner for an invitation.</p>
      ) : (
        <>
          <label className="field">
            Destination workspace
            <select value={destination?.id ?? ''} onChange={(event) => setWorkspaceId(event.target.value)}>
              {destinations.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="copy-environments">
            <legend>Environments to copy along</legend>
            {(environments ?? []).map((environment) => (
              <label key={environment.id}>
                <input
                  type="checkbox"
                  checked={chosen.includes(environment.id)}
                  onChange={() => toggle(environment.id)}
                />{' '}
                {environment.id === GLOBALS_ID ? 'Globals (merged into theirs)' : environment.name}
              </label>
            ))}
          </fieldset>
          <p className="hint">The copy gets new ids and belongs to that workspace; this one stays as it is.</p>
        </>
      )}
    </Dialog>
  )
}
