import { useEffect, useRef } from 'react'
import { useColorScheme } from '../ui/use-color-scheme'
import type { CodeEditorProps } from './CodeEditor'
import { monaco } from './monaco-setup'

/** The real editor; loaded lazily through CodeEditor so first paint never waits for Monaco. */
export default function MonacoEditor({
  value,
  documentKey,
  language,
  readOnly = false,
  onChange,
  onCtrlEnter,
  ariaLabel,
  editorRef,
  wordWrap,
  onEditor,
}: CodeEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const latest = useRef({ onChange, onCtrlEnter })
  latest.current = { onChange, onCtrlEnter }
  const scheme = useColorScheme()

  useEffect(() => {
    const instance = monaco.editor.create(containerRef.current!, {
      value,
      language,
      readOnly,
      ariaLabel,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      lineHeight: 20,
      fontFamily: 'ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      tabSize: 2,
      wordWrap: wordWrap ? 'on' : 'off',
      renderLineHighlight: readOnly ? 'none' : 'line',
      folding: true,
      padding: { top: 8, bottom: 8 },
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      fixedOverflowWidgets: true,
      theme: scheme === 'dark' ? 'courier-dark' : 'courier-light',
    })
    editor.current = instance
    const subscription = instance.onDidChangeModelContent(() => latest.current.onChange?.(instance.getValue()))
    // Ctrl/Cmd+Enter sends even while typing in the editor.
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onCtrlEnter?.())
    if (editorRef) {
      editorRef.current = {
        format: () => void instance.getAction('editor.action.formatDocument')?.run(),
        focus: () => instance.focus(),
        getValue: () => instance.getValue(),
      }
    }
    const detach = onEditor?.(instance)
    return () => {
      detach?.()
      subscription.dispose()
      // The editor first, then its model: disposing the model under a live editor throws "Model is disposed!".
      const model = instance.getModel()
      instance.dispose()
      model?.dispose()
      editor.current = null
      if (editorRef) editorRef.current = null
    }
    // The editor is created once; value/language changes are applied below without re-creating it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // A new document (a history entry restored, another response) replaces the text.
  useEffect(() => {
    const instance = editor.current
    if (instance && instance.getValue() !== value) instance.setValue(value)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentKey])

  useEffect(() => {
    const model = editor.current?.getModel()
    if (model) monaco.editor.setModelLanguage(model, language)
  }, [language])

  useEffect(() => {
    editor.current?.updateOptions({ readOnly, wordWrap: wordWrap ? 'on' : 'off' })
  }, [readOnly, wordWrap])

  useEffect(() => {
    monaco.editor.setTheme(scheme === 'dark' ? 'courier-dark' : 'courier-light')
  }, [scheme])

  return <div ref={containerRef} className="code-editor" data-testid="code-editor" />
}
