import type { ResponseRecord } from '@courier/shared'
import { useState } from 'react'
import { CodeEditor } from '../../shared/code-editor/CodeEditor'
import { formatBytes } from '../../shared/format/format'
import { languageFor, prettyText } from './pretty-print'
import { useResponseText } from './use-response-body'

type BodyView = 'pretty' | 'raw' | 'preview'

/** The image at its natural size on a checkerboard (transparency shows), with its dimensions. */
function ImagePreview({ url, contentType, size }: { url: string; contentType: string | null; size: number }) {
  const [dimensions, setDimensions] = useState<string | null>(null)
  return (
    <div className="image-preview">
      <img
        src={url}
        alt={`Response image (${contentType})`}
        onLoad={(event) => setDimensions(`${event.currentTarget.naturalWidth} × ${event.currentTarget.naturalHeight} px`)}
        onError={() => setDimensions('The image could not be decoded.')}
      />
      <span className="image-preview__caption">
        {dimensions ?? 'Loading…'} · {formatBytes(size)}
      </span>
    </div>
  )
}

function isImage(contentType: string | null): boolean {
  return (contentType ?? '').toLowerCase().startsWith('image/')
}

/** The body in the view that fits it: Pretty and Raw for text, Preview for images. */
export function ResponseBody({ record }: { record: ResponseRecord }) {
  const body = record.body
  const image = isImage(body?.contentType ?? null)
  const [chosen, setChosen] = useState<BodyView | null>(null)
  const view: BodyView = chosen ?? (image ? 'preview' : 'pretty')
  const text = useResponseText(record)

  if (!body) return <p className="empty-note">The response has no body.</p>

  const views: { id: BodyView; label: string; available: boolean }[] = [
    { id: 'pretty', label: 'Pretty', available: body.isText },
    { id: 'raw', label: 'Raw', available: body.isText },
    { id: 'preview', label: 'Preview', available: image },
  ]
  const language = languageFor(body.contentType)

  return (
    <div className="response-body">
      <div className="response-body__toolbar">
        <div role="radiogroup" aria-label="Body view" className="segmented segmented--small">
          {views
            .filter((v) => v.available)
            .map((v) => (
              <label key={v.id} className={`segmented__item${view === v.id ? ' is-selected' : ''}`}>
                <input type="radio" name={`body-view-${record.id}`} value={v.id} checked={view === v.id} onChange={() => setChosen(v.id)} />
                {v.label}
              </label>
            ))}
        </div>
        <span className="response-body__type">{body.contentType ?? 'no content type'}</span>
        <a className="button button--small" href={`${body.url}?download=1`} download={body.filename}>
          Download
        </a>
      </div>
      {body.decodeError ? <p className="inline-warning">{body.decodeError}</p> : null}
      {body.truncated ? <p className="inline-warning">Only the first {formatBytes(body.size)} were kept: the response was larger than the limit.</p> : null}
      {!body.isText && !image ? (
        <div className="empty-note">
          <p>
            Binary body, {formatBytes(body.size)} ({body.contentType ?? 'unknown type'}). Download it to open it.
          </p>
        </div>
      ) : null}
      {view === 'preview' && image ? <ImagePreview url={body.url} contentType={body.contentType} size={body.size} /> : null}
      {body.isText && view !== 'preview' ? (
        text.isPending ? (
          <p className="empty-note">Loading body…</p>
        ) : text.error ? (
          <p className="inline-warning">{text.error.message}</p>
        ) : view === 'pretty' ? (
          <CodeEditor
            key={`pretty-${record.id}`}
            language={language}
            ariaLabel="Response body"
            value={prettyText(text.data ?? '', language)}
            documentKey={record.id}
            readOnly
            wordWrap
          />
        ) : (
          <pre className="raw-body" aria-label="Raw response body" tabIndex={0}>
            {text.data}
          </pre>
        )
      ) : null}
    </div>
  )
}
