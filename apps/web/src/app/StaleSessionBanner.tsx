import { useSyncExternalStore } from 'react'
import { staleSession } from './query-client'

/** Courier restarted (new per-start secret): the page must be reloaded to keep working. */
export function StaleSessionBanner() {
  const stale = useSyncExternalStore(staleSession.subscribe, staleSession.get)
  if (!stale) return null
  return (
    <div className="banner" role="alert">
      Courier was restarted, so this page can no longer talk to it.
      <button type="button" className="button button--small" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  )
}
