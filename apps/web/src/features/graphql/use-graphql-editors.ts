import type { GraphQLSchema } from 'graphql'
import type { editor } from 'monaco-editor/editor'
import { useCallback, useEffect, useRef } from 'react'
import type { GraphqlLanguage } from './graphql-language'
import type { VariablesSchema } from './variables-schema'

type Instance = editor.IStandaloneCodeEditor

/**
 * Wires the query and variables editors to the schema: completion, hover and markers for the query,
 * the operation's variables as the JSON schema of the variables. The language code loads with Monaco.
 */
export function useGraphqlEditors(schema: GraphQLSchema | null, query: string) {
  const schemaRef = useRef(schema)
  schemaRef.current = schema
  const queryRef = useRef(query)
  queryRef.current = query
  const language = useRef<GraphqlLanguage | null>(null)
  const variables = useRef<VariablesSchema | null>(null)
  const queryEditor = useRef<Instance | null>(null)

  const onQueryEditor = useCallback((instance: Instance) => {
    let gone = false
    queryEditor.current = instance
    void import('./graphql-language').then(({ attachGraphqlLanguage }) => {
      if (!gone) language.current = attachGraphqlLanguage(instance, () => schemaRef.current)
    })
    return () => {
      gone = true
      language.current?.dispose()
      language.current = null
      queryEditor.current = null
    }
  }, [])

  const onVariablesEditor = useCallback((instance: Instance) => {
    let gone = false
    void import('./variables-schema').then(({ attachVariablesSchema }) => {
      if (gone) return
      variables.current = attachVariablesSchema(instance)
      variables.current.update(schemaRef.current, queryRef.current)
    })
    return () => {
      gone = true
      variables.current?.dispose()
      variables.current = null
    }
  }, [])

  useEffect(() => {
    language.current?.revalidate()
  }, [schema])

  useEffect(() => {
    const timer = setTimeout(() => variables.current?.update(schema, query), 300)
    return () => clearTimeout(timer)
  }, [schema, query])

  /** Types `text` at the query editor's cursor (a field picked in the explorer). */
  const insert = useCallback((text: string) => {
    const instance = queryEditor.current
    const selection = instance?.getSelection()
    if (!instance || !selection) return
    instance.executeEdits('schema-explorer', [{ range: selection, text, forceMoveMarkers: true }])
    instance.focus()
  }, [])

  return { onQueryEditor, onVariablesEditor, insert }
}
