import type { BodyKind, RequestBody } from '@courier/shared'
import { useRef } from 'react'
import { CodeEditor, type CodeEditorHandle, type CodeLanguage } from '../../shared/code-editor/CodeEditor'

const KINDS: { kind: BodyKind; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'json', label: 'JSON' },
  { kind: 'raw', label: 'Raw' },
]

const RAW_TYPES: { type: string; label: string; language: CodeLanguage }[] = [
  { type: 'text/plain', label: 'Text', language: 'plaintext' },
  { type: 'application/json', label: 'JSON', language: 'json' },
  { type: 'application/xml', label: 'XML', language: 'xml' },
  { type: 'text/html', label: 'HTML', language: 'html' },
  { type: 'application/javascript', label: 'JavaScript', language: 'javascript' },
  { type: 'text/csv', label: 'CSV', language: 'plaintext' },
  { type: 'application/x-yaml', label: 'YAML', language: 'yaml' },
]

/** Where a JSON text stops parsing, in words; null when it parses (or is empty). */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return null
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const at = /position (\d+)/.exec(message)
    if (!at) return message
    const before = text.slice(0, Number(at[1]))
    return `Invalid JSON at line ${before.split('\n').length}, column ${Number(at[1]) - before.lastIndexOf('\n')}`
  }
}

type BodyPanelProps = {
  body: RequestBody
  documentKey: number
  onKind: (kind: BodyKind) => void
  onBody: (body: RequestBody) => void
  onSend: () => void
}

export function BodyPanel({ body, documentKey, onKind, onBody, onSend }: BodyPanelProps) {
  const editor = useRef<CodeEditorHandle | null>(null)
  return (
    <div className="body-panel">
      <div className="body-panel__toolbar">
        <div role="radiogroup" aria-label="Body type" className="segmented">
          {KINDS.map(({ kind, label }) => (
            <label key={kind} className={`segmented__item${body.kind === kind ? ' is-selected' : ''}`}>
              <input type="radio" name="body-type" value={kind} checked={body.kind === kind} onChange={() => onKind(kind)} />
              {label}
            </label>
          ))}
        </div>
        {body.kind === 'json' ? (
          <div className="body-panel__actions">
            <JsonStatus text={body.text} />
            <button type="button" className="button button--small" onClick={() => editor.current?.format()}>
              Format
            </button>
          </div>
        ) : null}
        {body.kind === 'raw' ? (
          <label className="inline-field">
            <span>Content type</span>
            <select aria-label="Content type" value={RAW_TYPES.some((t) => t.type === body.contentType) ? body.contentType : 'text/plain'} onChange={(event) => onBody({ ...body, contentType: event.target.value })}>
              {RAW_TYPES.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.label} ({t.type})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {body.kind === 'none' ? <p className="empty-note">This request has no body.</p> : null}
      {body.kind === 'json' ? (
        <CodeEditor
          key="json"
          language="json"
          ariaLabel="JSON body"
          value={body.text}
          documentKey={documentKey}
          editorRef={editor}
          onChange={(text) => onBody({ kind: 'json', text })}
          onCtrlEnter={onSend}
        />
      ) : null}
      {body.kind === 'raw' ? (
        <CodeEditor
          key="raw"
          language={RAW_TYPES.find((t) => t.type === body.contentType)?.language ?? 'plaintext'}
          ariaLabel="Raw body"
          value={body.text}
          documentKey={documentKey}
          onChange={(text) => onBody({ ...body, text })}
          onCtrlEnter={onSend}
          wordWrap
        />
      ) : null}
    </div>
  )
}

function JsonStatus({ text }: { text: string }) {
  const problem = jsonProblem(text)
  if (text.trim() === '') return null
  return problem ? (
    <span className="json-status json-status--bad" role="status">
      {problem}
    </span>
  ) : (
    <span className="json-status json-status--ok">Valid JSON</span>
  )
}
