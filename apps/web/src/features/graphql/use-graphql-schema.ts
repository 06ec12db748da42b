import type { RequestSpec } from '@courier/shared'
import { useCallback, useContext, useState } from 'react'
import { AuthEnvironmentContext } from '../auth'
import { introspect, SchemaError, sdlFromUrl, sdlSchema } from './fetch-schema'
import { cachedSchema, storeSchema, type LoadedSchema } from './schema-cache'

export type SchemaState = {
  loaded: LoadedSchema | null
  busy: boolean
  error: string | null
  fetchSchema: () => void
  loadFile: (file: File) => void
  loadUrl: (url: string) => void
}

function sentence(error: unknown): string {
  if (error instanceof SchemaError) return error.message
  return `The schema could not be loaded: ${(error as Error)?.message ?? String(error)}`
}

/** The schema of a GraphQL request, cached per request URL for the session. */
export function useGraphqlSchema(spec: RequestSpec): SchemaState {
  // The environment the next send uses (the app shell provides it to the editor).
  const environmentId = useContext(AuthEnvironmentContext) ?? null
  const key = spec.url
  const [state, setState] = useState<{ key: string; loaded: LoadedSchema | null; busy: boolean; error: string | null }>(
    () => ({ key, loaded: cachedSchema(key), busy: false, error: null }),
  )
  // Another URL typed: show what the session has for it.
  const current = state.key === key ? state : { key, loaded: cachedSchema(key), busy: false, error: null }
  if (current !== state) setState(current)

  const run = useCallback(
    (load: () => Promise<LoadedSchema> | LoadedSchema) => {
      setState((s) => ({ ...s, busy: true, error: null }))
      Promise.resolve()
        .then(load)
        .then((loaded) => {
          storeSchema(key, loaded)
          setState({ key, loaded, busy: false, error: null })
        })
        .catch((error: unknown) => setState((s) => ({ ...s, busy: false, error: sentence(error) })))
    },
    [key],
  )
  const send = { spec, environmentId }
  return {
    loaded: current.loaded,
    busy: current.busy,
    error: current.error,
    fetchSchema: () => run(() => introspect(send)),
    loadFile: (file) => run(async () => sdlSchema(await file.text(), 'file', file.name)),
    loadUrl: (url) => run(() => sdlFromUrl(send, url)),
  }
}
