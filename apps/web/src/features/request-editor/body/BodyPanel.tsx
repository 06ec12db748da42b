import type { BodyKind, RequestBody, RequestSpec, Row } from '@courier/shared'
import { useRef } from 'react'
import { CodeEditor, type CodeEditorHandle, type CodeLanguage } from '../../../shared/code-editor/CodeEditor'
import { KeyValueTable } from '../../../shared/ui/KeyValueTable'
import { FilePicker } from './FilePicker'
import { GraphqlBody } from '../../graphql'
import { jsonProblem } from './json-problem'
import { MultipartBody } from './MultipartBody'
import './body-panel.css'

const KINDS: { kind: BodyKind; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'json', label: 'JSON' },
  { kind: 'form', label: 'Form' },
  { kind: 'multipart', label: 'Multipart' },
  { kind: 'raw', label: 'Raw' },
  { kind: 'binary', label: 'Binary' },
  { kind: 'graphql', label: 'GraphQL' },
]

const RAW_TYPES: { type: string; language: CodeLanguage }[] = [
  { type: 'text/plain', language: 'plaintext' },
  { type: 'application/json', language: 'json' },
  { type: 'application/xml', language: 'xml' },
  { type: 'text/xml', language: 'xml' },
  { type: 'text/html', language: 'html' },
  { type: 'application/javascript', language: 'javascript' },
  { type: 'text/css', language: 'css' },
  { type: 'text/csv', language: 'plaintext' },
  { type: 'application/x-yaml', language: 'yaml' },
  { type: 'application/x-ndjson', language: 'plaintext' },
]

/** What Courier sets as Content-Type for each kind, shown so nothing is a surprise. */
export function contentTypeFor(body: RequestBody): string | null {
  switch (body.kind) {
    case 'json':
    case 'graphql':
      return 'application/json'
    case 'form':
      return 'application/x-www-form-urlencoded'
    case 'multipart':
      return 'multipart/form-data; boundary=…'
    case 'raw':
      return body.contentType || 'text/plain'
    case 'binary':
      return body.contentType || body.file?.contentType || 'application/octet-stream'
    case 'none':
      return null
  }
}

type BodyPanelProps = {
  body: RequestBody
  /** The whole request: the GraphQL editor fetches its schema with the request's URL, headers and auth. */
  spec: RequestSpec
  documentKey: number
  onKind: (kind: BodyKind) => void
  onBody: (body: RequestBody) => void
  onSend: () => void
}

export function BodyPanel({ body, spec, documentKey, onKind, onBody, onSend }: BodyPanelProps) {
  const editor = useRef<CodeEditorHandle | null>(null)
  const auto = contentTypeFor(body)
  return (
    <div className="body-panel">
      <div className="body-panel__toolbar">
        <div role="radiogroup" aria-label="Body type" className="segmented">
          {KINDS.map(({ kind, label }) => (
            <label key={kind} className={`segmented__item${body.kind === kind ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name="body-type"
                value={kind}
                checked={body.kind === kind}
                onChange={() => onKind(kind)}
              />
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
            <input
              className="inline-field__input"
              aria-label="Content type"
              list="raw-content-types"
              value={body.contentType}
              spellCheck={false}
              onChange={(event) => onBody({ ...body, contentType: event.target.value })}
            />
            <datalist id="raw-content-types">
              {RAW_TYPES.map((t) => (
                <option key={t.type} value={t.type} />
              ))}
            </datalist>
          </label>
        ) : null}
      </div>
      {auto ? (
        <p className="hint body-panel__auto">
          Sent with <code>Content-Type: {auto}</code> and a <code>Content-Length</code> Courier computes; a Content-Type
          header of your own replaces it.
        </p>
      ) : null}
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
          language={RAW_TYPES.find((t) => t.type === body.contentType.split(';')[0]!.trim())?.language ?? 'plaintext'}
          ariaLabel="Raw body"
          value={body.text}
          documentKey={documentKey}
          onChange={(text) => onBody({ ...body, text })}
          onCtrlEnter={onSend}
          wordWrap
        />
      ) : null}
      {body.kind === 'form' ? (
        <KeyValueTable
          label="Form fields"
          rows={body.fields}
          onChange={(fields: Row[]) => onBody({ kind: 'form', fields })}
          keyPlaceholder="Add field"
        />
      ) : null}
      {body.kind === 'multipart' ? (
        <MultipartBody parts={body.parts} onChange={(parts) => onBody({ kind: 'multipart', parts })} />
      ) : null}
      {body.kind === 'binary' ? (
        <div className="binary-body">
          <FilePicker label="File to send as the body" file={body.file} onFile={(file) => onBody({ ...body, file })} />
          <label className="inline-field">
            <span>Content type</span>
            <input
              className="inline-field__input"
              aria-label="Binary content type"
              placeholder={body.file?.contentType ?? 'application/octet-stream'}
              value={body.contentType ?? ''}
              spellCheck={false}
              onChange={(event) => onBody({ ...body, contentType: event.target.value || undefined })}
            />
          </label>
        </div>
      ) : null}
      {body.kind === 'graphql' ? (
        <GraphqlBody
          body={body}
          spec={spec}
          variablesProblem={jsonProblem(body.variables)}
          documentKey={documentKey}
          onChange={onBody}
          onSend={onSend}
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
