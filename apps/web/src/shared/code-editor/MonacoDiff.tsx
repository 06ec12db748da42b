import { useEffect, useRef } from 'react'
import { useColorScheme } from '../ui/use-color-scheme'
import type { DiffEditorProps } from './DiffEditor'
import { monaco } from './monaco-setup'

/** Monaco's side-by-side diff, read-only; loaded lazily through DiffEditor. */
export default function MonacoDiff({ original, modified, language, originalLabel, modifiedLabel }: DiffEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const scheme = useColorScheme()
  useEffect(() => {
    const left = monaco.editor.createModel(original, language)
    const right = monaco.editor.createModel(modified, language)
    const editor = monaco.editor.createDiffEditor(containerRef.current!, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      fontSize: 12.5,
      scrollBeyondLastLine: false,
      ariaLabel: `Differences between ${originalLabel} and ${modifiedLabel}`,
      theme: scheme === 'dark' ? 'courier-dark' : 'courier-light',
    })
    editor.setModel({ original: left, modified: right })
    return () => {
      editor.dispose()
      left.dispose()
      right.dispose()
    }
    // Recreated when the texts change; the diff is shown for one pair at a time.
  }, [original, modified, language, originalLabel, modifiedLabel, scheme])
  return <div ref={containerRef} className="diff-editor" data-testid="diff-editor" />
}
