// Loaded lazily (with Monaco): the variables editor validates and completes against the JSON schema of
// the chosen operation's variables (graphql-language-service's getVariablesJSONSchema).
import type { GraphQLSchema } from 'graphql'
import { getOperationFacts, getVariablesJSONSchema } from 'graphql-language-service'
import * as json from 'monaco-editor/languages/features/json/register'
import type { monaco } from '../../shared/code-editor/monaco-setup'

type JsonSchemaEntry = { uri: string; fileMatch?: string[]; schema?: unknown }
type JsonDefaults = {
  diagnosticsOptions: { schemas?: JsonSchemaEntry[] } & Record<string, unknown>
  setDiagnosticsOptions: (options: Record<string, unknown>) => void
}
const defaults = (json as { jsonDefaults: JsonDefaults }).jsonDefaults

function setSchema(modelUri: string, schema: unknown | null): void {
  const uri = `courier://graphql-variables/${encodeURIComponent(modelUri)}`
  const others = (defaults.diagnosticsOptions.schemas ?? []).filter((s) => s.uri !== uri)
  defaults.setDiagnosticsOptions({
    ...defaults.diagnosticsOptions,
    validate: true,
    schemas: schema ? [...others, { uri, fileMatch: [modelUri], schema }] : others,
  })
}

export type VariablesSchema = { update: (schema: GraphQLSchema | null, query: string) => void; dispose: () => void }

/** Points Monaco's JSON service at the variables the query declares (types from the schema). */
export function attachVariablesSchema(editor: monaco.editor.IStandaloneCodeEditor): VariablesSchema {
  const modelUri = editor.getModel()!.uri.toString()
  return {
    update(schema, query) {
      let facts: ReturnType<typeof getOperationFacts>
      try {
        facts = schema ? getOperationFacts(schema, query) : undefined
      } catch {
        return // a half-typed document: keep the last variables schema until it parses again
      }
      setSchema(
        modelUri,
        facts?.variableToType ? getVariablesJSONSchema(facts.variableToType, { useMarkdownDescription: true }) : null,
      )
    },
    dispose: () => setSchema(modelUri, null),
  }
}
