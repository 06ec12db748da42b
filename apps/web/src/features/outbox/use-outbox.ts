import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { KeptSave } from './kept-changes'
import { Outbox } from './outbox'

const none: readonly KeptSave[] = []
const noSubscribe = () => () => undefined

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
