import { useSyncExternalStore } from 'react'
import { staleSession } from './query-client'

/** The server refused this page's session (it ended, or was signed out): say how to sign in again. */
export function StaleSessionBanner({ team = false }: { team?: boolean }) {
  const stale = useSyncExternalStore(staleSession.subscribe, staleSession.get)
  if (!stale) return null
  if (team)
    return (
      <div className="banner" role="alert">
        Your Courier session has ended, so this page can no longer talk to the server.
        <a className="button button--small button--primary" href="/sign-in">
          Sign in again
        </a>
      </div>
    )
  return (
    <div className="banner" role="alert">
      Your Courier session has ended, so this page can no longer talk to it. Open the sign-in link{' '}
      <code>courier serve</code> printed, or run <code>courier open</code> for a fresh one.
      <button type="button" className="button button--small" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  )
}
