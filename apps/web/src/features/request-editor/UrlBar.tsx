import { finalUrlPreview, type Pair } from '@courier/shared'
import { MethodPicker } from './MethodPicker'

type UrlBarProps = {
  method: string
  url: string
  pathParams: Pair[]
  isSending: boolean
  onMethod: (method: string) => void
  onUrl: (url: string) => void
  onSend: () => void
  onCancel: () => void
}

/** Method, URL and Send in one line; Enter in the URL or Ctrl+Enter anywhere sends. */
export function UrlBar({ method, url, pathParams, isSending, onMethod, onUrl, onSend, onCancel }: UrlBarProps) {
  const preview = finalUrlPreview(url, pathParams)
  return (
    <div className="url-bar-wrap">
    <form
      className="url-bar"
      onSubmit={(event) => {
        event.preventDefault()
        if (!isSending) onSend()
      }}
    >
      <MethodPicker value={method} onChange={onMethod} />
      <input
        type="text"
        aria-label="Request URL"
        className="url-bar__url"
        placeholder="https://api.example.com/users/:id?page=1"
        value={url}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onUrl(event.target.value)}
      />
      {isSending ? (
        <button type="button" className="button button--danger url-bar__send" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <button type="submit" className="button button--primary url-bar__send" aria-keyshortcuts="Control+Enter" title="Send (Ctrl+Enter)">
          Send
        </button>
      )}
    </form>
    {preview && preview !== url.trim() ? (
      <p className="url-bar__final" aria-label="URL as sent">
        <span className="url-bar__final-label">Sends</span> {preview}
      </p>
    ) : null}
    </div>
  )
}
