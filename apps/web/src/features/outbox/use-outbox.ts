import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { KeptSave } from './kept-changes'
import { Outbox } from './outbox'

const none: readonly KeptSave[] = []
const noSubscribe = () => () => undefined
/** The outbox key of the person last signed in on this origin: the kept saves are shown before /api/me answers. */
const LAST_KEY = 'courier.outbox.last-key'

/** The outbox of `key` (null until the page knows who is signed in) and its kept changes, live. */
export function useOutbox(key: string | null) {
  const outbox = useMemo(() => (key ? new Outbox(key) : null), [key])
  useEffect(() => {
    if (!outbox) return
    const onStorage = (event: StorageEvent) => {
      if (event.key === outbox.key) outbox.reload()
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [outbox])
  const kept = useSyncExternalStore(outbox?.subscribe ?? noSubscribe, outbox?.get ?? (() => none))
  return { outbox, kept }
}

function readLastKey(): string | null {
  try {
    return localStorage.getItem(LAST_KEY)
  } catch {
    return null
  }
}

/**
 * What the banner shows: while the page does not know yet who is signed in (`key` undefined, e.g.
 * just after signing in again), the kept saves of the person signed in last, read only — nothing is
 * replayed until /api/me says who this is. Then the signed-in person's own, and the key is remembered.
 */
export function useShownKept(key: string | null | undefined, kept: readonly KeptSave[]): readonly KeptSave[] {
  useEffect(() => {
    if (!key) return
    try {
      localStorage.setItem(LAST_KEY, key)
    } catch {
      // Storage full or off: the banner waits for /api/me, as before.
    }
  }, [key])
  const last = useMemo(() => (key === undefined ? readLastKey() : null), [key])
  const before = useOutbox(last).kept
  return key === undefined ? before : kept
}
