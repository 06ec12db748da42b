// Only this folder imports monaco-editor. Everything is bundled locally: no CDN at runtime.
// The paths below follow monaco-editor >= 0.56's exports map ("./*" → "./esm/vs/*.js").
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/features/json/register'
import 'monaco-editor/languages/definitions/xml/register'
import 'monaco-editor/languages/definitions/html/register'
import 'monaco-editor/languages/definitions/javascript/register'
import 'monaco-editor/languages/definitions/graphql/register'
import 'monaco-editor/languages/definitions/yaml/register'
import 'monaco-editor/languages/definitions/css/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker'
import { registerScriptCompletion } from './script-completion'

// Vite bundles the workers; without this Monaco would fall back to the main thread.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker()
  },
}

monaco.editor.defineTheme('courier-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#12151b',
    'editorGutter.background': '#12151b',
    'editor.lineHighlightBackground': '#1a1f27',
  },
})
monaco.editor.defineTheme('courier-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editor.lineHighlightBackground': '#f4f6f9' },
})

registerScriptCompletion(monaco)

export { monaco }
