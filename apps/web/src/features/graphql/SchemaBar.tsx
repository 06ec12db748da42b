import { useState } from 'react'
import type { SchemaState } from './use-graphql-schema'

const ORIGIN: Record<string, string> = { introspection: 'introspection', file: 'file', url: 'SDL URL' }

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

/** Where the schema comes from (introspection through Courier, an SDL file or URL), when it was fetched, and refresh. */
export function SchemaBar({
  state,
  explorerOpen,
  onExplorer,
}: {
  state: SchemaState
  explorerOpen: boolean
  onExplorer: (open: boolean) => void
}) {
  const [urlOpen, setUrlOpen] = useState(false)
  const [sdlUrl, setSdlUrl] = useState('')
  const { loaded, busy, error } = state
  const refresh = () => {
    if (loaded?.origin === 'url') state.loadUrl(loaded.from)
    else state.fetchSchema()
  }
  return (
    <div className="schema-bar">
      <div className="schema-bar__row">
        <button type="button" className="button button--small" onClick={state.fetchSchema} disabled={busy}>
          Fetch schema
        </button>
        <label className="button button--small schema-bar__file">
          Load SDL file
          <input
            type="file"
            className="visually-hidden"
            aria-label="Schema SDL file"
            accept=".graphql,.gql,.graphqls,.sdl,text/plain"
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) state.loadFile(file)
              event.target.value = ''
            }}
          />
        </label>
        <button
          type="button"
          className="button button--small"
          aria-expanded={urlOpen}
          onClick={() => setUrlOpen((open) => !open)}
        >
          SDL from URL
        </button>
        <span className="schema-bar__status" role="status">
          {busy
            ? 'Loading schema…'
            : loaded
              ? `Schema from ${ORIGIN[loaded.origin]}, fetched at ${time(loaded.fetchedAt)}`
              : 'No schema: completion knows only the syntax.'}
        </span>
        {loaded && loaded.origin !== 'file' ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Refresh schema"
            title="Refresh schema"
            onClick={refresh}
            disabled={busy}
          >
            ⟳
          </button>
        ) : null}
        {loaded ? (
          <button
            type="button"
            className={`button button--small${explorerOpen ? ' is-selected' : ''}`}
            aria-pressed={explorerOpen}
            onClick={() => onExplorer(!explorerOpen)}
          >
            Schema
          </button>
        ) : null}
      </div>
      {urlOpen ? (
        <form
          className="schema-bar__row"
          onSubmit={(event) => {
            event.preventDefault()
            if (sdlUrl.trim()) state.loadUrl(sdlUrl.trim())
          }}
        >
          <input
            className="inline-field__input schema-bar__url"
            aria-label="Schema SDL URL"
            placeholder="https://example.com/schema.graphql"
            value={sdlUrl}
            onChange={(event) => setSdlUrl(event.target.value)}
          />
          <button type="submit" className="button button--small" disabled={busy}>
            Load SDL
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="schema-bar__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
