import type { CodeTarget } from '@courier/shared/convert'
import type { editor } from 'monaco-editor/editor'
import { lazy, Suspense, type MutableRefObject } from 'react'
import './code-editor.css'

/** Monaco language ids Courier registers: body and response languages, and every copy-as-code target's. */
export type CodeLanguage =
  'json' | 'plaintext' | 'xml' | 'html' | 'javascript' | 'graphql' | 'yaml' | 'css' | CodeTarget['language']

export type CodeEditorHandle = { format: () => void; focus: () => void; getValue: () => string }

export type CodeEditorProps = {
  value: string
  /** When this changes the editor adopts `value`; typing never round-trips through props (no lost keystrokes). */
  documentKey: string | number
  language: CodeLanguage
  readOnly?: boolean
  onChange?: (value: string) => void
  onCtrlEnter?: () => void
  ariaLabel: string
  wordWrap?: boolean
  editorRef?: MutableRefObject<CodeEditorHandle | null>
  /** Called once with the created editor (language features that need its model); the returned function runs on dispose. */
  onEditor?: (instance: editor.IStandaloneCodeEditor) => (() => void) | void
}

const MonacoEditor = lazy(() => import('./MonacoEditor'))

/** Monaco behind React.lazy: the rest of the app paints first, the editor arrives a moment later. */
export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense
      fallback={
        <div className="code-editor code-editor--loading" aria-busy="true">
          Loading editor…
        </div>
      }
    >
      <MonacoEditor {...props} />
    </Suspense>
  )
}
