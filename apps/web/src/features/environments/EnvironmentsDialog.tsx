import { GLOBALS_ID, withoutBlankVariables, type Environment, type Variable } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '../../shared/api/proxy-client'
import { Dialog } from '../../shared/ui/Dialog'
import { VariablesTable } from '../../shared/ui/VariablesTable'
import {
  environmentsOptions,
  useCreateEnvironment,
  useDeleteEnvironment,
  useDuplicateEnvironment,
  useUpdateEnvironment,
} from './environment-queries'
import './environments.css'

type Draft = { id: string; name: string; variables: Variable[]; version: number }

/** Environments and the globals: variables per environment, secrets masked until revealed. */
export function EnvironmentsDialog({
  open,
  onClose,
  initialId,
}: {
  open: boolean
  onClose: () => void
  initialId: string | null
}) {
  const { data } = useQuery({ ...environmentsOptions(), enabled: open })
  const [selectedId, setSelectedId] = useState<string | null>(initialId)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [conflict, setConflict] = useState<Environment | null>(null)

  const environments = data ?? []
  const named = (verb: string) => (id: string) =>
    `Could not ${verb} the environment “${environments.find((e) => e.id === id)?.name ?? id}”`
  const create = useCreateEnvironment()
  const update = useUpdateEnvironment({ shownInline: true })
  const remove = useDeleteEnvironment({ failure: named('delete') })
  const duplicate = useDuplicateEnvironment({ failure: named('duplicate') })
  const selected =
    environments.find((e) => e.id === (draft?.id ?? selectedId)) ??
    environments.find((e) => e.id !== GLOBALS_ID) ??
    environments[0]
  const value: Draft | null =
    draft ??
    (selected
      ? { id: selected.id, name: selected.name, variables: selected.variables, version: selected.version }
      : null)

  const choose = (id: string) => {
    setDraft(null)
    setConflict(null)
    setSelectedId(id)
  }

  const save = (version: number) => {
    if (!value) return
    update.mutate(
      {
        id: value.id,
        patch: {
          version,
          name: value.id === GLOBALS_ID ? undefined : value.name,
          variables: withoutBlankVariables(value.variables),
        },
      },
      {
        onSuccess: () => (setDraft(null), setConflict(null)),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'STORAGE_CONFLICT')
            setConflict(environments.find((e) => e.id === value.id) ?? null)
        },
      },
    )
  }

  return (
    <Dialog title="Environments" open={open} onClose={() => (setDraft(null), onClose())} wide>
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
                <span className="env-manager__count">{environment.variables.length}</span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="link-button env-manager__new"
              onClick={() =>
                create.mutate({ name: 'New environment' }, { onSuccess: (environment) => choose(environment.id) })
              }
            >
              + New environment
            </button>
          </li>
        </ul>
        {value ? (
          <div className="env-manager__editor">
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
            <VariablesTable
              label={`${value.id === GLOBALS_ID ? 'Globals' : value.name} variables`}
              variables={value.variables}
              onChange={(variables) => setDraft({ ...value, variables })}
            />
            <p className="hint">
              Use a variable anywhere in a request as {'{{name}}'}. Precedence: environment › folder › collection ›
              globals.
            </p>
            {conflict ? (
              <div className="inline-note" role="alert">
                This environment changed elsewhere (maybe a response capture) since you started editing.{' '}
                <button type="button" className="link-button" onClick={() => (setDraft(null), setConflict(null))}>
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
              <span className="dialog__spacer" />
              {update.error && !conflict ? <span className="inline-error">{update.error.message}</span> : null}
              <button
                type="button"
                className="button button--primary"
                disabled={!draft}
                onClick={() => save(value.version)}
              >
                Save
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </Dialog>
  )
}
