import { GLOBALS_ID, withoutBlankVariables, type Environment, type EnvironmentVariable } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '../../shared/api/proxy-client'
import { KeptNote, keptReason, keptSettingsOf, useOutboxContext } from '../outbox'
import { Dialog } from '../../shared/ui/Dialog'
import { EnvironmentVariablesTable } from './EnvironmentVariablesTable'
import {
  environmentsOptions,
  useCreateEnvironment,
  useDeleteEnvironment,
  useDuplicateEnvironment,
  useSetCurrentValue,
  useUpdateEnvironment,
} from './environment-queries'
import './environments.css'

type Draft = { id: string; name: string; variables: EnvironmentVariable[]; version: number }

/** Environments and the globals: variables per environment, secrets masked until revealed. */
export function EnvironmentsDialog({
  open,
  onClose,
  initialId,
  onShowVersions,
}: {
  open: boolean
  onClose: () => void
  initialId: string | null
  /** Open the History (versions) of an environment. */
  onShowVersions?: (target: { kind: 'environment'; id: string; name: string }) => void
}) {
  const { data } = useQuery({ ...environmentsOptions(), enabled: open })
  const [selectedId, setSelectedId] = useState<string | null>(initialId)
  // Unsaved edits, one per environment: switching to another environment keeps them.
  const [drafts, setDrafts] = useState<Record<string, Draft>>({})
  const [conflict, setConflict] = useState<Environment | null>(null)
  // Saves that could not reach the server (offline, signed out) wait in the outbox, shown as the draft.
  const { outbox, kept } = useOutboxContext()
  const keptOf = (id: string) => keptSettingsOf(kept, 'environment', id)

  const environments = data ?? []
  const named = (verb: string) => (id: string) =>
    `Could not ${verb} the environment “${environments.find((e) => e.id === id)?.name ?? id}”`
  const create = useCreateEnvironment()
  const update = useUpdateEnvironment({ shownInline: true })
  const remove = useDeleteEnvironment({ failure: named('delete') })
  const duplicate = useDuplicateEnvironment({ failure: named('duplicate') })
  const setCurrent = useSetCurrentValue()
  const selected =
    environments.find((e) => e.id === selectedId) ?? environments.find((e) => e.id !== GLOBALS_ID) ?? environments[0]
  const keptHere = selected ? keptOf(selected.id) : undefined
  const draft: Draft | undefined = selected
    ? (drafts[selected.id] ??
      (keptHere
        ? {
            id: selected.id,
            name: keptHere.patch.name ?? selected.name,
            variables: keptHere.patch.variables ?? selected.variables,
            version: keptHere.baseVersion,
          }
        : undefined))
    : undefined
  const setDraft = (next: Draft) => setDrafts((was) => ({ ...was, [next.id]: next }))
  const dropDraft = (id: string) =>
    setDrafts((was) => {
      const next = { ...was }
      delete next[id]
      return next
    })
  const value: Draft | null =
    draft ??
    (selected
      ? { id: selected.id, name: selected.name, variables: selected.variables, version: selected.version }
      : null)

  const choose = (id: string) => {
    setConflict(null)
    setSelectedId(id)
  }

  const save = (version: number) => {
    if (!value) return
    const patch = {
      name: value.id === GLOBALS_ID ? undefined : value.name,
      variables: withoutBlankVariables(value.variables),
    }
    const target = { kind: 'environment' as const, itemId: value.id }
    const savedDraft = drafts[value.id]
    update.mutate(
      { id: value.id, patch: { version, ...patch } },
      {
        onSuccess: (saved) => {
          // Typed while the save was on its way: that edit stays, now on the saved version.
          setDrafts((was) => {
            const now = was[value.id]
            if (!now) return was
            if (now === savedDraft) {
              const next = { ...was }
              delete next[value.id]
              return next
            }
            return { ...was, [value.id]: { ...now, version: saved.version } }
          })
          setConflict(null)
          outbox?.dropSettings(target)
        },
        onError: (error) => {
          const reason = keptReason(error)
          if (reason && outbox) {
            // Kept in this browser with the version it was made on; the outbox replays it, and the dialog shows it.
            outbox.keep({
              ...target,
              title: value.id === GLOBALS_ID ? 'Globals' : value.name,
              baseVersion: value.version,
              patch,
              reason,
              keptAt: new Date().toISOString(),
            })
            dropDraft(value.id)
            update.reset()
          } else if (error instanceof ApiError && error.code === 'STORAGE_CONFLICT')
            setConflict(environments.find((e) => e.id === value.id) ?? null)
        },
      },
    )
  }

  const unsaved = Object.values(drafts)
  const close = () => {
    if (unsaved.length > 0) {
      const names = unsaved.map((d) => (d.id === GLOBALS_ID ? 'Globals' : `“${d.name}”`)).join(', ')
      if (!window.confirm(`Discard your unsaved changes to ${names}?`)) return
    }
    setDrafts({})
    setConflict(null)
    onClose()
  }
  // While a new environment (or a copy) is being made, the editor waits: typing would go to the old one.
  const making = create.isPending || duplicate.isPending

  return (
    <Dialog title="Environments" open={open} onClose={close} wide>
      <div className="env-manager">
        <ul className="env-manager__list" aria-label="Environments list">
          {environments.map((environment) => (
            <li key={environment.id}>
              <button
                type="button"
                aria-current={value?.id === environment.id ? 'true' : undefined}
                className={`env-manager__item${value?.id === environment.id ? ' is-selected' : ''}`}
                onClick={() => choose(environment.id)}
              >
                {environment.id === GLOBALS_ID ? 'Globals' : environment.name}
                {drafts[environment.id] || keptOf(environment.id) ? (
                  <span className="env-manager__unsaved" title="Edited: not saved yet" aria-label="edited">
                    ●
                  </span>
                ) : null}
                <span className="env-manager__count">{environment.variables.length}</span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="link-button env-manager__new"
              disabled={making}
              onClick={() =>
                create.mutate({ name: 'New environment' }, { onSuccess: (environment) => choose(environment.id) })
              }
            >
              + New environment
            </button>
          </li>
        </ul>
        {value ? (
          <fieldset className="env-manager__editor" disabled={making} aria-busy={making}>
            {value.id === GLOBALS_ID ? (
              <p className="hint">Globals are seen by every request, below environments, folders and collections.</p>
            ) : (
              <label className="field">
                <span>Name</span>
                <input
                  aria-label="Environment name"
                  value={value.name}
                  onChange={(event) => setDraft({ ...value, name: event.target.value })}
                />
              </label>
            )}
            <EnvironmentVariablesTable
              label={`${value.id === GLOBALS_ID ? 'Globals' : value.name} variables`}
              variables={value.variables}
              current={selected?.currentValues ?? []}
              hiddenNames={new Set(selected?.variables.filter((v) => v.valueHidden).map((v) => v.name) ?? [])}
              onChange={(variables) => setDraft({ ...value, variables })}
              onCurrent={(name, current) => setCurrent.mutate({ id: value.id, change: { name, value: current } })}
            />
            <p className="hint">
              <strong>Current values are private to you:</strong> no one else sees them, and your sends use them in
              place of the shared value. Shared values are saved for everyone with Save.
            </p>
            <p className="hint">
              Use a variable anywhere in a request as {'{{name}}'}. Precedence: environment › folder › collection ›
              globals.
            </p>
            {keptHere && !drafts[value.id] && !conflict ? (
              <KeptNote
                kept={keptHere}
                onTheirs={() => (dropDraft(value.id), outbox?.dropSettings({ kind: 'environment', itemId: value.id }))}
                onMine={() => selected && save(selected.version)}
              />
            ) : null}
            {conflict ? (
              <div className="inline-note" role="alert">
                This environment changed elsewhere (maybe a response capture) since you started editing.{' '}
                <button type="button" className="link-button" onClick={() => (dropDraft(value.id), setConflict(null))}>
                  Reload theirs
                </button>{' '}
                ·{' '}
                <button type="button" className="link-button" onClick={() => save(conflict.version)}>
                  Overwrite with mine
                </button>
              </div>
            ) : null}
            <div className="env-manager__actions">
              {value.id !== GLOBALS_ID ? (
                <>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => duplicate.mutate(value.id, { onSuccess: (copy) => choose(copy.id) })}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() =>
                      window.confirm(`Delete the environment “${value.name}”?`) &&
                      remove.mutate(value.id, { onSuccess: () => choose(GLOBALS_ID) })
                    }
                  >
                    Delete
                  </button>
                </>
              ) : null}
              {onShowVersions ? (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() =>
                    onShowVersions({
                      kind: 'environment',
                      id: value.id,
                      name: value.id === GLOBALS_ID ? 'Globals' : value.name,
                    })
                  }
                >
                  History…
                </button>
              ) : null}
              <span className="dialog__spacer" />
              {update.error && !conflict ? <span className="inline-error">{update.error.message}</span> : null}
              <button
                type="button"
                className="button button--primary"
                disabled={!draft || update.isPending}
                onClick={() => save(value.version)}
              >
                {update.isPending ? 'Saving…' : 'Save'}
              </button>
            </div>
          </fieldset>
        ) : null}
      </div>
    </Dialog>
  )
}
