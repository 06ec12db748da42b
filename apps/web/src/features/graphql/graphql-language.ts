// Loaded lazily (with Monaco): completion, hover and validation markers for GraphQL editors from
// graphql-language-service on the main thread. monaco-graphql 1.9 wants monaco-editor < 0.53 and its
// worker paths; Courier ships 0.57, so the language service is wired to Monaco's providers here.
import type { GraphQLSchema } from 'graphql'
import {
  CompletionItemKind as Lsp,
  getAutocompleteSuggestions,
  getDiagnostics,
  getHoverInformation,
  Position,
} from 'graphql-language-service'
import { monaco } from '../../shared/code-editor/monaco-setup'

type SchemaSource = () => GraphQLSchema | null
/** The schema of each GraphQL editor, by model URI: the providers are global, the schemas are not. */
const schemas = new Map<string, SchemaSource>()
let registered = false

/** The language service's (LSP) completion kinds that Monaco has too; anything else shows as text. */
const KIND_NAMES = [
  'Field',
  'Variable',
  'Class',
  'Interface',
  'Enum',
  'EnumMember',
  'Keyword',
  'Function',
  'Constant',
  'TypeParameter',
] as const

function kindOf(kind: number | undefined): monaco.languages.CompletionItemKind {
  const name = KIND_NAMES.find((n) => Lsp[n] === kind)
  return monaco.languages.CompletionItemKind[name ?? 'Text']
}

function cursor(position: monaco.Position): Position {
  return new Position(position.lineNumber - 1, position.column - 1)
}

function register(): void {
  if (registered) return
  registered = true
  monaco.languages.registerCompletionItemProvider('graphql', {
    // Not space, `{` or newline: Enter after `{` would accept the first suggestion instead of breaking the line.
    triggerCharacters: [':', '$', '(', '@'],
    provideCompletionItems(model, position) {
      const schema = schemas.get(model.uri.toString())?.()
      if (!schema) return { suggestions: [] }
      const word = model.getWordUntilPosition(position)
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn)
      const items = getAutocompleteSuggestions(schema, model.getValue(), cursor(position))
      return {
        suggestions: items.map((item, index) => ({
          label: item.label,
          // The schema's order, with the introspection meta-fields (__typename, __schema) last.
          sortText: `${item.label.startsWith('__') ? 'z' : 'a'}${String(index).padStart(5, '0')}`,
          kind: kindOf(item.kind),
          detail: item.detail ?? undefined,
          documentation: item.documentation ? { value: item.documentation } : undefined,
          insertText: item.insertText ?? item.label,
          insertTextRules:
            item.insertTextFormat === 2 ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          tags: item.isDeprecated ? [monaco.languages.CompletionItemTag.Deprecated] : undefined,
          range,
        })),
      }
    },
  })
  monaco.languages.registerHoverProvider('graphql', {
    provideHover(model, position) {
      const schema = schemas.get(model.uri.toString())?.()
      if (!schema) return null
      const contents = getHoverInformation(schema, model.getValue(), cursor(position), undefined, { useMarkdown: true })
      const text = typeof contents === 'string' ? contents : Array.isArray(contents) ? contents.join('\n\n') : ''
      return text ? { contents: [{ value: text }] } : null
    },
  })
}

export type GraphqlLanguage = { revalidate: () => void; dispose: () => void }

/** Gives one query editor completion, hover and markers from `getSchema()` (syntax only while there is none). */
export function attachGraphqlLanguage(
  editor: monaco.editor.IStandaloneCodeEditor,
  getSchema: SchemaSource,
): GraphqlLanguage {
  register()
  const model = editor.getModel()!
  const key = model.uri.toString()
  schemas.set(key, getSchema)
  let timer: ReturnType<typeof setTimeout> | undefined
  const revalidate = () => {
    if (model.isDisposed()) return
    // An empty document is not an error yet; the parser would say "Unexpected <EOF>".
    const text = model.getValue()
    const diagnostics = text.trim() ? getDiagnostics(text, getSchema() ?? undefined) : []
    monaco.editor.setModelMarkers(
      model,
      'graphql',
      diagnostics.map((d) => ({
        severity:
          d.severity === 1
            ? monaco.MarkerSeverity.Error
            : d.severity === 2
              ? monaco.MarkerSeverity.Warning
              : monaco.MarkerSeverity.Info,
        message: typeof d.message === 'string' ? d.message : d.message.value,
        startLineNumber: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLineNumber: d.range.end.line + 1,
        endColumn: Math.max(d.range.end.character + 1, d.range.start.character + 2),
        source: 'GraphQL',
      })),
    )
  }
  const changes = model.onDidChangeContent(() => {
    clearTimeout(timer)
    timer = setTimeout(revalidate, 150)
  })
  revalidate()
  return {
    revalidate,
    dispose: () => {
      clearTimeout(timer)
      changes.dispose()
      schemas.delete(key)
    },
  }
}
