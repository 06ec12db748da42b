import { lazy, Suspense } from 'react'
import type { CodeLanguage } from './CodeEditor'
import './code-editor.css'

export type DiffEditorProps = {
  original: string
  modified: string
  language: CodeLanguage
  originalLabel: string
  modifiedLabel: string
}

const MonacoDiff = lazy(() => import('./MonacoDiff'))

/** Two texts side by side with their differences marked (Monaco's diff editor, lazy). */
export function DiffEditor(props: DiffEditorProps) {
  return (
    <Suspense fallback={<div className="diff-editor code-editor--loading">Loading diff…</div>}>
      <MonacoDiff {...props} />
    </Suspense>
  )
}
