import { createContext, useContext } from 'react'
import type { KeptSave } from './kept-changes'
import type { Outbox } from './outbox'

/** The page's outbox and its kept saves, for the dialogs that keep a Save there (environments, settings). */
export const OutboxContext = createContext<{ outbox: Outbox | null; kept: readonly KeptSave[] }>({
  outbox: null,
  kept: [],
})

export const useOutboxContext = () => useContext(OutboxContext)
