import type { Scope } from '@courier/shared'
import { createContext, useContext } from 'react'

/**
 * The variable scopes of the request being edited, provided by the app shell around the editor.
 * Outside a provider (a collection's own settings) there are none, and fields do not colour
 * `{{variables}}` they cannot look up.
 */
export const ScopesContext = createContext<readonly Scope[] | null>(null)

const NONE: readonly Scope[] = []

/** The editor's scopes, or none outside the editor. */
export function useEditorScopes(): readonly Scope[] {
  return useContext(ScopesContext) ?? NONE
}

/** The scopes to colour variables with, or null where there is nothing to look them up in. */
export function useHighlightScopes(): readonly Scope[] | null {
  return useContext(ScopesContext)
}
