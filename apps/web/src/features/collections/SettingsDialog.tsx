import { isBlankRow, withoutBlankVariables, type Auth, type Inheritable } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { ApiError } from '../../shared/api/proxy-client'
import { KeptNote, keptReason, keptSettingsOf, useOutboxContext } from '../outbox'
import { Dialog } from '../../shared/ui/Dialog'
import { RowsEditor } from '../../shared/ui/RowsEditor'
import { ScriptsPanel } from '../../shared/script-editor/ScriptsPanel'
import { Tabs } from '../../shared/ui/Tabs'
import { VariablesTable } from '../../shared/ui/VariablesTable'
import { collectionsOptions, useUpdateCollection, useUpdateItem } from './collection-queries'

type Section = 'variables' | 'headers' | 'auth' | 'scripts' | 'description'

/** Whose settings to show; `section` opens on that tab (the Auth tab's "Open … settings"). */
export type SettingsTarget = { kind: 'collection' | 'folder'; id: string; section?: Section }

type SettingsDialogProps = {
  target: SettingsTarget | null
  onClose: () => void
  /** Renders the auth editor (from the auth feature) for a level's auth. */
  renderAuth?: (auth: Auth, onChange: (auth: Auth) => void) => ReactNode
}

/**
 * A collection's or folder's settings: variables, headers and auth its requests inherit, and a
 * description. Saving carries the version it was loaded at; a concurrent change is offered to
 * reload or overwrite (409).
 */
export function CollectionSettingsDialog({ target, onClose, renderAuth }: SettingsDialogProps) {
  const { data } = useQuery(collectionsOptions())
  const updateCollection = useUpdateCollection({ shownInline: true })
  const updateItem = useUpdateItem({ shownInline: true })
  const [section, setSection] = useState<Section>('variables')
  const [draft, setDraft] = useState<(Inheritable & { name: string; version: number }) | null>(null)
  const [conflict, setConflict] = useState(false)
  const [openedFor, setOpenedFor] = useState(target)
  // A Save that could not reach the server (offline, signed out) waits in the outbox and shows as the draft.
  const { outbox, kept } = useOutboxContext()
  const keptHere = target ? keptSettingsOf(kept, target.kind, target.id) : undefined
  if (target !== openedFor) {
    // Another collection or folder (the Auth tab's "Open … settings"): nothing typed for the last one carries over.
    setOpenedFor(target)
    setDraft(null)
    setConflict(false)
    if (target?.section) setSection(target.section)
  }

  const collection =
    target &&
    data?.find((c) => (target.kind === 'collection' ? c.id === target.id : c.items.some((i) => i.id === target.id)))
  const stored = target?.kind === 'collection' ? collection : collection?.items.find((i) => i.id === target?.id)
  const source =
    stored && (stored as { kind?: string }).kind !== 'request'
      ? (stored as Inheritable & { name: string; version: number })
      : null
  const value =
    draft ??
    (source && keptHere
      ? {
          name: keptHere.patch.name ?? source.name,
          description: keptHere.patch.description ?? source.description,
          auth: keptHere.patch.auth ?? source.auth,
          headers: keptHere.patch.headers ?? source.headers,
          variables: keptHere.patch.variables ?? source.variables,
          scripts: keptHere.patch.scripts ?? source.scripts,
          version: keptHere.baseVersion,
        }
      : null) ??
    (source
      ? {
          name: source.name,
          description: source.description,
          auth: source.auth,
          headers: source.headers,
          variables: source.variables,
          scripts: source.scripts,
          version: source.version,
        }
      : null)

  const close = () => {
    setDraft(null)
    setConflict(false)
    onClose()
  }

  const save = (version: number) => {
    if (!target || !value) return
    const fields = {
      name: value.name,
      description: value.description,
      auth: value.auth,
      headers: value.headers.filter((row) => !isBlankRow(row)),
      variables: withoutBlankVariables(value.variables),
      scripts: value.scripts,
    }
    const patch = { version, ...fields }
    const where = { kind: target.kind, itemId: target.id }
    const onSuccess = () => (outbox?.dropSettings(where), close())
    const onError = (error: Error) => {
      const reason = keptReason(error)
      if (reason && outbox) {
        // Kept in this browser on the version it was made on: the outbox replays it; reopening shows it.
        outbox.keep({
          ...where,
          title: `${value.name} settings`,
          baseVersion: value.version,
          patch: fields,
          reason,
          keptAt: new Date().toISOString(),
        })
        setDraft(null)
        updateCollection.reset()
        updateItem.reset()
      } else if (error instanceof ApiError && error.code === 'STORAGE_CONFLICT') setConflict(true)
    }
    if (target.kind === 'collection') updateCollection.mutate({ id: target.id, patch }, { onSuccess, onError })
    else updateItem.mutate({ id: target.id, patch }, { onSuccess, onError })
  }

  const error = updateCollection.error ?? updateItem.error
  const set = (change: Partial<Inheritable & { name: string }>) => value && setDraft({ ...value, ...change })
  return (
    <Dialog
      title={`${target?.kind === 'folder' ? 'Folder' : 'Collection'} settings`}
      open={target !== null && value !== null}
      onClose={close}
      wide
      footer={
        conflict ? (
          <>
            <span className="inline-error">Someone changed these settings since you opened them.</span>
            <span className="dialog__spacer" />
            <button type="button" className="button" onClick={() => (setDraft(null), setConflict(false))}>
              Reload theirs
            </button>
            <button type="button" className="button button--primary" onClick={() => source && save(source.version)}>
              Overwrite with mine
            </button>
          </>
        ) : (
          <>
            {error && !(error instanceof ApiError && error.code === 'STORAGE_CONFLICT') ? (
              <span className="inline-error">{error.message}</span>
            ) : null}
            <span className="dialog__spacer" />
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={!draft && !keptHere}
              onClick={() => value && save(value.version)}
            >
              Save
            </button>
          </>
        )
      }
    >
      {value ? (
        <div className="panel-stack">
          {keptHere && !draft && !conflict ? (
            <KeptNote
              kept={keptHere}
              onTheirs={() => target && outbox?.dropSettings({ kind: target.kind, itemId: target.id })}
              onMine={() => source && save(source.version)}
            />
          ) : null}
          <label className="field">
            <span>Name</span>
            <input value={value.name} onChange={(event) => set({ name: event.target.value })} />
          </label>
          <Tabs<Section>
            label="Settings sections"
            size="small"
            selected={section}
            onSelect={setSection}
            tabs={[
              { id: 'variables', label: 'Variables', badge: value.variables.length },
              { id: 'headers', label: 'Headers', badge: value.headers.filter((h) => h[2]).length },
              { id: 'auth', label: 'Auth', hidden: !renderAuth },
              {
                id: 'scripts',
                label: 'Scripts',
                badge: value.scripts.preRequest.trim() || value.scripts.test.trim() ? '•' : undefined,
              },
              { id: 'description', label: 'Description' },
            ]}
          />
          {section === 'variables' ? (
            <>
              <VariablesTable
                label={`${value.name} variables`}
                variables={value.variables}
                onChange={(variables) => set({ variables })}
              />
              <p className="hint">
                Requests inside see these unless the active environment has the same name. Folder variables win over the
                collection's.
              </p>
            </>
          ) : null}
          {section === 'headers' ? (
            <RowsEditor
              title="Inherited headers"
              rows={value.headers}
              onChange={(headers) => set({ headers })}
              keyPlaceholder="Add header"
            />
          ) : null}
          {section === 'auth' && renderAuth ? renderAuth(value.auth, (auth) => set({ auth })) : null}
          {section === 'scripts' && target ? (
            <div className="settings-scripts">
              <ScriptsPanel
                scripts={value.scripts}
                documentKey={target.id}
                owner={target.kind}
                onScripts={(scripts) => set({ scripts })}
              />
            </div>
          ) : null}
          {section === 'description' ? (
            <textarea
              className="bulk-text"
              aria-label="Description"
              rows={8}
              value={value.description}
              onChange={(event) => set({ description: event.target.value })}
            />
          ) : null}
        </div>
      ) : null}
    </Dialog>
  )
}
