import { useState } from 'react'

/** For redirect URIs Courier does not serve: the address the provider sent the browser to finishes the flow. */
export function PasteRedirect({
  onPaste,
  busy,
  prominent,
}: {
  onPaste: (url: string) => void
  busy: boolean
  prominent: boolean
}) {
  const [url, setUrl] = useState('')
  return (
    <form
      className={`paste-redirect${prominent ? ' paste-redirect--prominent' : ''}`}
      aria-label="Paste the redirect URL"
      onSubmit={(event) => {
        event.preventDefault()
        if (url.trim()) onPaste(url.trim())
      }}
    >
      <label className="paste-redirect__label" htmlFor="oauth-paste-redirect">
        {prominent
          ? 'After signing in, paste the address the provider sent you to:'
          : 'No popup callback? Paste the redirect URL:'}
      </label>
      <span className="paste-redirect__row">
        <input
          id="oauth-paste-redirect"
          className="auth-input auth-input--mono"
          aria-label="Redirect URL"
          placeholder="https://app.example/callback?code=…&state=…"
          value={url}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" className="button button--small" disabled={busy || url.trim() === ''}>
          Finish sign-in
        </button>
      </span>
    </form>
  )
}
