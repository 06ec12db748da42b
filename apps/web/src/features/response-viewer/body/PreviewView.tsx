import { mediaTypeOf, type BodyDescriptor } from '@courier/shared'
import { useEffect, useState } from 'react'
import { fetchBody } from '../../../shared/api/fetch-body'
import { formatBytes } from '../../../shared/format/format'
import './preview-view.css'

export type PreviewKind = 'image' | 'html' | 'pdf' | 'text'

/** What Preview can show for a content type, if anything. */
export function previewKind(contentType: string | null): PreviewKind | null {
  const type = mediaTypeOf(contentType)
  if (type.startsWith('image/')) return 'image'
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html'
  if (type === 'application/pdf') return 'pdf'
  if (type === 'text/plain' || type === 'text/markdown' || type === 'text/csv') return 'text'
  return null
}

/** The image at its natural size on a checkerboard (transparency shows), with its dimensions. SVG too: as <img> it runs no script. */
function ImagePreview({ body }: { body: BodyDescriptor }) {
  const [dimensions, setDimensions] = useState<string | null>(null)
  return (
    <div className="image-preview">
      <img
        src={body.url}
        alt={`Response image (${body.contentType})`}
        onLoad={(event) =>
          setDimensions(`${event.currentTarget.naturalWidth} × ${event.currentTarget.naturalHeight} px`)
        }
        onError={() => setDimensions('The image could not be decoded.')}
      />
      <span className="image-preview__caption">
        {dimensions ?? 'Loading…'} · {formatBytes(body.size)}
      </span>
    </div>
  )
}

const HTML_PREVIEW_MAX = 5 * 1000 * 1000

/** The body's text: inline when the record has it, else fetched from the body store. */
function useBodyText(body: BodyDescriptor, max: number): { text: string | null; error: string | null } {
  const [state, setState] = useState<{ text: string | null; error: string | null }>({ text: body.inline, error: null })
  useEffect(() => {
    if (body.inline !== null) return setState({ text: body.inline, error: null })
    if (body.size > max)
      return setState({
        text: null,
        error: `This page is ${formatBytes(body.size)}; previews stop at ${formatBytes(max)}. Download it to open it.`,
      })
    const controller = new AbortController()
    fetchBody(body.url, { signal: controller.signal })
      .then((response) => response.text())
      .then((text) => setState({ text, error: null }))
      .catch((failure: Error) => !controller.signal.aborted && setState({ text: null, error: failure.message }))
    return () => controller.abort()
  }, [body, max])
  return state
}

/**
 * HTML rendered from `srcdoc` in an empty sandbox: no scripts, no forms, an opaque origin, no
 * referrer (docs/security.md#who-may-drive-courier). It also inherits the page's CSP, so it loads nothing
 * from other hosts.
 */
function HtmlPreview({ body }: { body: BodyDescriptor }) {
  const { text, error } = useBodyText(body, HTML_PREVIEW_MAX)
  if (error) return <p className="inline-warning">{error}</p>
  if (text === null) return <p className="empty-note">Loading the page…</p>
  return (
    <div className="frame-preview">
      <p className="frame-preview__note">
        Rendered without scripts, in a sandbox that cannot reach Courier; images and styles from other hosts are not
        loaded.
      </p>
      <iframe
        className="frame-preview__frame"
        title="HTML preview"
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={text}
      />
    </div>
  )
}

/**
 * PDF through a blob typed application/pdf: the browser's PDF viewer needs a frame the
 * sandbox would refuse it, and the blob's type is ours, so the bytes cannot become HTML.
 */
function PdfPreview({ body }: { body: BodyDescriptor }) {
  const [src, setSrc] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    let objectUrl: string | null = null
    fetchBody(body.url, { signal: controller.signal })
      .then((response) => response.arrayBuffer())
      .then((buffer) => {
        objectUrl = URL.createObjectURL(new Blob([buffer], { type: 'application/pdf' }))
        setSrc(objectUrl)
      })
      .catch((failure: Error) => !controller.signal.aborted && setError(failure.message))
    return () => {
      controller.abort()
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
  }, [body.url])
  if (error) return <p className="inline-warning">{error}</p>
  if (!src) return <p className="empty-note">Loading the PDF…</p>
  return (
    <div className="frame-preview">
      <iframe className="frame-preview__frame" title="PDF preview" src={src} referrerPolicy="no-referrer" />
    </div>
  )
}

/** Preview by content type; plain text is drawn by the caller (it shares the lines view). */
export function PreviewView({ body, kind }: { body: BodyDescriptor; kind: Exclude<PreviewKind, 'text'> }) {
  if (kind === 'image') return <ImagePreview body={body} />
  if (kind === 'html') return <HtmlPreview body={body} />
  return <PdfPreview body={body} />
}
