import {
  headerValue,
  isEventStreamContentType,
  isJsonContentType,
  suggestFilename,
  ViewSettingsSchema,
  type ResponseRecord,
} from '@courier/shared'
import { useEffect, useState } from 'react'
import { CodeEditor } from '../../../shared/code-editor/CodeEditor'
import { formatBytes } from '../../../shared/format/format'
import { languageFor } from '../pretty-print'
import { EventsView } from './EventsView'
import { HexView } from './HexView'
import { JsonPathFilter } from './JsonPathFilter'
import { LargeBodyGate } from './LargeBodyGate'
import { LinesView } from './LinesView'
import { PreviewView, previewKind } from './PreviewView'
import { TreeView } from './TreeView'
import { WrapToggle, useRawWrap } from './WrapToggle'
import { DEFAULT_LIMITS } from './body-document'
import { useBodyDocument, type BodyDocumentState } from './use-body-document'
import { partialReason } from '../StatusLine'
import './response-body.css'

type BodyView = 'events' | 'pretty' | 'tree' | 'raw' | 'preview' | 'hex'

const DEFAULT_LARGE_BODY_BYTES = ViewSettingsSchema.parse({}).largeBodyBytes

function Loading({ state }: { state: Extract<BodyDocumentState, { status: 'loading' }> }) {
  const progress = state.progress
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.received / progress.total) : null
  return (
    <div className="body-loading" aria-busy="true">
      <p className="empty-note">
        {!progress
          ? 'Loading body…'
          : progress.phase === 'parse'
            ? `Parsing ${formatBytes(progress.received)}…`
            : `Loading body… ${formatBytes(progress.received)} of ${formatBytes(progress.total)}`}
      </p>
      {fraction !== null ? (
        <progress className="body-loading__bar" max={1} value={fraction} aria-label="Body loaded" />
      ) : null}
    </div>
  )
}

/** Monaco with colours and folding when the text fits it; else plain virtual lines. */
function PrettyView({ doc, record }: { doc: Extract<BodyDocumentState, { status: 'ready' }>; record: ResponseRecord }) {
  const { info, client, setInfo } = doc
  const [error, setError] = useState<string | null>(null)
  // A large body's pretty form is made on first use, in the worker.
  useEffect(() => {
    if (info.prettyLines === null)
      client.call('pretty', {}).then(setInfo, (failure: Error) => setError(failure.message))
  }, [info, client, setInfo])

  if (error) return <p className="inline-warning">{error}</p>
  if (info.prettyLines === null) {
    return (
      <p className="empty-note" aria-busy="true">
        Formatting {formatBytes(record.body?.size ?? 0)}…
      </p>
    )
  }
  if (info.prettyText !== null) {
    return (
      <CodeEditor
        key={`pretty-${record.id}`}
        language={languageFor(record.body?.contentType ?? null, info.kind)}
        ariaLabel="Response body"
        value={info.prettyText}
        documentKey={`${record.id}:${info.filter?.expression ?? ''}`}
        readOnly
        wordWrap
      />
    )
  }
  return (
    <>
      <p className="hint body-hint">
        {formatBytes(info.prettyChars ?? 0)} of text, drawn a screen at a time so it stays fast: use Tree to fold it and
        the filter to narrow it.
      </p>
      <LinesView
        client={client}
        view="pretty"
        count={info.prettyLines}
        version={info}
        label="Response body"
        json={info.kind === 'json' && !info.parseError}
      />
    </>
  )
}

type ResponseBodyProps = { record: ResponseRecord; largeBodyBytes?: number }

/** The body in every view that fits it; the text itself stays in a worker. */
export function ResponseBody({ record, largeBodyBytes = DEFAULT_LARGE_BODY_BYTES }: ResponseBodyProps) {
  const body = record.body
  const [chosen, setChosen] = useState<BodyView | null>(null)
  const [viewLarge, setViewLarge] = useState(false)
  const [copied, setCopied] = useState<string | null>(null)
  const [wrap, setWrap] = useRawWrap()
  const gated = !!body && body.size >= largeBodyBytes && !viewLarge
  const eventStream = isEventStreamContentType(body?.contentType)
  // An event stream opens as Events, which reads the text itself: the worker starts with another view.
  const showingEvents = eventStream && (chosen === null || chosen === 'events')
  const doc = useBodyDocument(record, !gated && !!body?.isText && !showingEvents)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(null), 2000)
    return () => clearTimeout(timer)
  }, [copied])

  if (!body || (body.size === 0 && !body.truncated)) return <p className="empty-note">The response has no body.</p>

  const preview = previewKind(body.contentType)
  const info = doc.status === 'ready' ? doc.info : null
  const isJson = info ? info.kind === 'json' && !info.parseError : isJsonContentType(body.contentType)
  const views: { id: BodyView; label: string; available: boolean }[] = [
    { id: 'events', label: 'Events', available: eventStream },
    { id: 'pretty', label: 'Pretty', available: body.isText },
    { id: 'tree', label: 'Tree', available: body.isText && isJson },
    { id: 'raw', label: 'Raw', available: body.isText },
    { id: 'preview', label: 'Preview', available: preview !== null },
    { id: 'hex', label: 'Hex', available: !body.isText },
  ]
  // A large JSON body opens as a Tree: it is ready as soon as the body is parsed, while Pretty
  // first has to write the whole document out again.
  const largeJson = isJson && body.size > DEFAULT_LIMITS.eagerPrettyChars
  const fallback: BodyView = eventStream
    ? 'events'
    : preview === 'image' || preview === 'pdf'
      ? 'preview'
      : largeJson
        ? 'tree'
        : body.isText
          ? 'pretty'
          : 'hex'
  const view: BodyView = chosen && views.find((v) => v.id === chosen)?.available ? chosen : fallback
  const filename =
    body.filename ??
    suggestFilename(headerValue(record.headers, 'content-disposition'), record.request.url, body.contentType)
  const downloadHref = `${body.url}?download=1`
  const needsDocument =
    view === 'pretty' || view === 'tree' || view === 'raw' || (view === 'preview' && preview === 'text')

  return (
    <div className="response-body">
      <div className="response-body__toolbar">
        <div role="radiogroup" aria-label="Body view" className="segmented segmented--small">
          {views
            .filter((v) => v.available)
            .map((v) => (
              <label key={v.id} className={`segmented__item${view === v.id ? ' is-selected' : ''}`}>
                <input
                  type="radio"
                  name={`body-view-${record.id}`}
                  value={v.id}
                  checked={view === v.id}
                  onChange={() => setChosen(v.id)}
                />
                {v.label}
              </label>
            ))}
        </div>
        {isJson && doc.status === 'ready' && (view === 'pretty' || view === 'tree') ? (
          <JsonPathFilter
            key={record.id}
            applied={doc.info.filter}
            onApply={async (expression) => doc.setInfo(await doc.client.call('filter', { expression }))}
          />
        ) : (
          <span className="response-body__type">{body.contentType ?? 'no content type'}</span>
        )}
        {view === 'raw' && !gated ? <WrapToggle wrap={wrap} onChange={setWrap} /> : null}
        <span className="response-body__copied" role="status" aria-live="polite">
          {copied}
        </span>
        <a
          className="button button--small"
          href={downloadHref}
          download={filename}
          title={`Save as ${filename}, byte for byte`}
        >
          Download
        </a>
      </div>
      {body.decodeError ? <p className="inline-warning">{body.decodeError}</p> : null}
      {record.partial ? (
        <p className="inline-warning" role="note" aria-label="Partial body">
          Only the first {formatBytes(body.size)} arrived before the {partialReason(record)}: this body is incomplete.
        </p>
      ) : null}
      {body.truncated ? (
        <p className="inline-warning">
          Only the first {formatBytes(body.size)} were kept: the response was larger than the limit.
        </p>
      ) : null}
      {info?.parseError && view !== 'raw' ? (
        <p className="inline-warning">Not valid JSON ({info.parseError}); shown as text.</p>
      ) : null}

      {gated ? (
        <LargeBodyGate
          size={body.size}
          threshold={largeBodyBytes}
          downloadHref={downloadHref}
          filename={filename}
          onView={() => setViewLarge(true)}
        />
      ) : view === 'events' ? (
        <EventsView recordId={record.id} body={body} />
      ) : view === 'hex' ? (
        <HexView body={body} />
      ) : view === 'preview' && preview && preview !== 'text' ? (
        <PreviewView body={body} kind={preview} />
      ) : needsDocument ? (
        doc.status === 'loading' ? (
          <Loading state={doc} />
        ) : doc.status === 'error' ? (
          <p className="inline-warning">{doc.message}</p>
        ) : doc.status === 'ready' ? (
          view === 'tree' ? (
            <TreeView client={doc.client} initialCount={doc.info.treeRows} version={doc.info} onCopied={setCopied} />
          ) : view === 'pretty' ? (
            <PrettyView doc={doc} record={record} />
          ) : (
            <LinesView
              client={doc.client}
              view="raw"
              count={doc.info.rawLines}
              version={record.id}
              label="Raw response body"
              wrap={wrap}
            />
          )
        ) : null
      ) : null}
    </div>
  )
}
