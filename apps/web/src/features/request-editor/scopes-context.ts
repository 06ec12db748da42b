import type { Scope } from '@courier/shared'
import { createContext, useContext } from 'react'

/** The variable scopes of the request being edited, provided by the app shell. */
export const ScopesContext = createContext<readonly Scope[]>([])

export function useEditorScopes(): readonly Scope[] {
  return useContext(ScopesContext)
}
