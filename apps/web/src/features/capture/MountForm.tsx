import { GLOBALS_ID, MountNameSchema, type CaptureMount, type CaptureMountInput, type Row } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { KeyValueTable } from '../../shared/ui/KeyValueTable'
import { environmentsOptions } from '../environments'
import { FormProblems } from '../../shared/ui/FormProblems'
import { OriginsField } from './OriginsField'
import { parseOrigins } from './origins'

type MountFormProps = {
  /** The mount being edited; none: a new one. */
  mount?: CaptureMount
  busy: boolean
  error: Error | null
  onSubmit: (input: CaptureMountInput) => void
  onCancel?: () => void
}

/** A mount's name, upstream, allowed origins, injected headers and their environment. */
export function MountForm({ mount, busy, error, onSubmit, onCancel }: MountFormProps) {
  const [name, setName] = useState(mount?.name ?? '')
  const [upstream, setUpstream] = useState(mount?.upstream ?? '')
  const [origins, setOrigins] = useState((mount?.allowedOrigins ?? []).join('\n'))
  const [headers, setHeaders] = useState<Row[]>((mount?.headers ?? []).map(([key, value]) => [key, value, true]))
  const [environmentId, setEnvironmentId] = useState(mount?.environmentId ?? '')
  const [problems, setProblems] = useState<string[]>([])
  const environments = useQuery(environmentsOptions()).data?.filter((e) => e.id !== GLOBALS_ID) ?? []

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseOrigins(origins)
    const found: string[] = []
    if (!MountNameSchema.safeParse(name).success)
      found.push('Mount name: lower-case letters, digits and dashes, starting with a letter or digit (e.g. api).')
    if (!/^https?:\/\/\S+$/i.test(upstream.trim()))
      found.push('Upstream URL: an http:// or https:// address, e.g. http://localhost:8080.')
    found.push(...parsed.problems)
    setProblems(found)
    if (found.length) return
    onSubmit({
      name,
      upstream: upstream.trim(),
      allowedOrigins: parsed.origins,
      headers: headers.filter(([key, , enabled]) => enabled && key.trim()).map(([key, value]) => [key.trim(), value]),
      environmentId: environmentId || null,
    })
  }

  return (
    <form
      className="form-panel capture-form"
      onSubmit={submit}
      aria-label={mount ? `Edit mount ${mount.name}` : 'New mount'}
    >
      <div className="form-panel__row capture-form__row">
        <label className="field">
          Mount name
          <input
            value={name}
            onChange={(event) => setName(event.target.value.toLowerCase())}
            placeholder="api"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <label className="field form-panel__grow">
          Upstream URL
          <input
            value={upstream}
            onChange={(event) => setUpstream(event.target.value)}
            placeholder="http://localhost:8080"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      </div>
      <OriginsField
        value={origins}
        onChange={setOrigins}
        placeholder={'http://localhost:5173\nhttp://127.0.0.1:3000'}
        hint="One per line or comma separated: the pages (your dev server) that may call this mount."
      />
      <details className="capture-form__more" open={headers.length > 0 || Boolean(environmentId)}>
        <summary>Headers to inject and their environment</summary>
        <KeyValueTable
          label="Headers to inject"
          rows={headers}
          onChange={setHeaders}
          keyPlaceholder="Authorization"
          valuePlaceholder="Bearer {{token}}"
          monospace
        />
        <label className="field field--inline">
          Variables from
          <select value={environmentId} onChange={(event) => setEnvironmentId(event.target.value)}>
            <option value="">No environment</option>
            {environments.map((environment) => (
              <option key={environment.id} value={environment.id}>
                {environment.name}
              </option>
            ))}
          </select>
        </label>
      </details>
      <FormProblems problems={problems} />
      {error ? <ErrorAlert {...errorParts(error)} /> : null}
      <div className="form-panel__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {mount ? 'Save mount' : 'Create mount'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--small button--ghost" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  )
}
