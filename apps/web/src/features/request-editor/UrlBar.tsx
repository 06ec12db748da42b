import { finalUrlPreview, previewText, type Pair } from '@courier/shared'
import { useEditorActions } from '../import-export'
import { ConnectButton, RequestKindPicker, type RequestKind, type SessionStatus } from '../realtime'
import { MethodPicker } from './MethodPicker'
import { useEditorScopes } from '../../shared/variables/scopes-context'
import { UrlField } from './UrlField'

type UrlBarProps = {
  method: string
  url: string
  pathParams: Pair[]
  isSending: boolean
  onMethod: (method: string) => void
  onUrl: (url: string) => void
  onSend: () => void
  onCancel: () => void
  kind: RequestKind
  onKind: (kind: RequestKind) => void
  /** A realtime request's session: Connect/Disconnect take Send's place. */
  session?: { status: SessionStatus; onDisconnect: () => void }
  /** A GraphQL subscription document offers Subscribe beside Send. */
  onSubscribe?: () => void
}

/** Method, URL and Send in one line; Enter in the URL or Ctrl+Enter anywhere sends. */
export function UrlBar(props: UrlBarProps) {
  const { method, url, pathParams, isSending, onMethod, onUrl, onSend, onCancel, kind, onKind, session, onSubscribe } =
    props
  const scopes = useEditorScopes()
  const actions = useEditorActions()
  // The URL as the server will send it: variables resolved, path params filled in; a secret
  // variable reads as its {{name}} (a marker until parsed), never as percent-encoded bullets.
  const secretAs = (name: string) => `{{$secret:${name}}}`
  const resolvedUrl = previewText(url, scopes, secretAs)
  const hasUnknown = /\{\{\s*[^$\s{}]/.test(resolvedUrl)
  // Dynamic values stay readable as {{$uuid}} rather than percent-encoded braces.
  const preview = hasUnknown
    ? null
    : finalUrlPreview(
        resolvedUrl,
        pathParams.map(([name, value]): Pair => [name, previewText(value, scopes, secretAs)]),
      )
        ?.replace(/%7B%7B(.*?)%7D%7D/g, '{{$1}}')
        .replace(/\{\{\$secret:(.*?)\}\}/g, '{{$1}}')
  return (
    <div className="url-bar-wrap">
      <form
        className="url-bar"
        onSubmit={(event) => {
          event.preventDefault()
          if (!isSending) onSend()
        }}
      >
        <RequestKindPicker value={kind} onChange={onKind} />
        {kind === 'http' || kind === 'sse' ? <MethodPicker value={method} onChange={onMethod} /> : null}
        <UrlField value={url} onChange={onUrl} />
        {/* Distinct keys: reusing one <button> would let a Cancel click, once the abort re-renders it
          as type=submit, submit the form and send again. */}
        {session ? (
          <ConnectButton status={session.status} onDisconnect={session.onDisconnect} />
        ) : isSending ? (
          <button key="cancel" type="button" className="button button--danger url-bar__send" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button
            key="send"
            type="submit"
            className="button button--primary url-bar__send"
            aria-keyshortcuts="Control+Enter"
            title="Send (Ctrl+Enter)"
          >
            Send
          </button>
        )}
        {onSubscribe && !session ? (
          <button type="button" className="button url-bar__send" title="Open the subscription" onClick={onSubscribe}>
            Subscribe
          </button>
        ) : null}
        {actions ? (
          <button
            type="button"
            className="button url-bar__code"
            title="Copy as code (Python, cURL, JavaScript, Go…)"
            onClick={actions.openCode}
          >
            Code
          </button>
        ) : null}
      </form>
      {/* The line's place is kept while it is empty, so the tabs below do not jump as it comes and goes. */}
      {preview && preview !== url.trim() ? (
        <p className="url-bar__final" aria-label="URL as sent">
          <span className="url-bar__final-label">Sends</span> {preview}
        </p>
      ) : (
        <p className="url-bar__final" aria-hidden="true" />
      )}
    </div>
  )
}
