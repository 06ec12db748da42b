import type { MockInput } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, errorParts } from '../../shared/ui/ErrorAlert'
import { FormProblems } from '../../shared/ui/FormProblems'
import { OriginsField, parseOrigins } from '../capture'
import { collectionsOptions } from '../collections'

const OPENAPI = '__openapi__'

type MockFormProps = {
  busy: boolean
  error: Error | null
  onSubmit: (input: MockInput) => void
  onCancel?: () => void
}

/** A new mock: its name, its source (a collection, or an OpenAPI document from a file or pasted), its origins. */
export function MockForm({ busy, error, onSubmit, onCancel }: MockFormProps) {
  const collections = useQuery(collectionsOptions()).data ?? []
  const [name, setName] = useState('')
  const [source, setSource] = useState('')
  const [documentText, setDocumentText] = useState('')
  const [origins, setOrigins] = useState('')
  const [problems, setProblems] = useState<string[]>([])
  const chosen = source || collections[0]?.id || OPENAPI

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseOrigins(origins, true)
    const found = [...parsed.problems]
    if (!name.trim()) found.unshift('Mock name: say what it mocks, e.g. Pets API.')
    if (chosen === OPENAPI && !documentText.trim()) found.push('OpenAPI document: choose a file or paste the document.')
    setProblems(found)
    if (found.length) return
    onSubmit({
      name: name.trim(),
      source:
        chosen === OPENAPI ? { kind: 'openapi', document: documentText } : { kind: 'collection', collectionId: chosen },
      allowedOrigins: parsed.origins,
    })
  }

  return (
    <form className="form-panel mock-form" aria-label="New mock" onSubmit={submit}>
      <div className="form-panel__row">
        <label className="field form-panel__grow">
          Mock name
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder="Pets API" />
        </label>
        <label className="field form-panel__grow">
          Mock source
          <select value={chosen} onChange={(event) => setSource(event.target.value)}>
            {collections.map((collection) => (
              <option key={collection.id} value={collection.id}>
                Collection: {collection.name}
              </option>
            ))}
            <option value={OPENAPI}>OpenAPI document (file or paste)…</option>
          </select>
        </label>
      </div>
      {chosen === OPENAPI ? (
        <div className="mock-form__openapi">
          <label className="field">
            OpenAPI file
            <input
              type="file"
              accept=".json,.yaml,.yml,application/json,application/yaml"
              onChange={(event) => {
                const file = event.target.files?.[0]
                if (file) void file.text().then(setDocumentText)
              }}
            />
          </label>
          <label className="field">
            OpenAPI document
            <textarea
              className="field__text form-panel__text"
              value={documentText}
              onChange={(event) => setDocumentText(event.target.value)}
              placeholder={'openapi: 3.1.0\npaths:\n  /pets: …'}
              rows={6}
              spellCheck={false}
            />
          </label>
        </div>
      ) : null}
      <OriginsField
        value={origins}
        onChange={setOrigins}
        placeholder={'http://localhost:5173\n* for any page (no credentials)'}
        hint="One per line or comma separated: the pages that may call the mock from a browser."
      />
      <FormProblems problems={problems} />
      {error ? <ErrorAlert {...errorParts(error)} /> : null}
      <div className="form-panel__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          Create mock
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
