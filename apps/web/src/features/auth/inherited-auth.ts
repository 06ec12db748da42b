import type { Auth } from '@courier/shared'
import { createContext, useContext } from 'react'

export type InheritedAuth = {
  auth: Auth
  from: string
  /** The collection or folder the auth comes from. */
  level?: { kind: 'collection' | 'folder'; name: string }
  /** Opens that collection's or folder's settings on its Auth section. */
  open?: () => void
}

/**
 * What the request's parents (collection, folders) lend it, for requests that have parents:
 * `null` means "has a parent, which sets no auth". The app shell provides it where it knows the
 * saved request's place; the AuthPanel's own `inherited` prop wins over it.
 */
export const InheritedAuthContext = createContext<InheritedAuth | null | undefined>(undefined)

export function useInheritedAuth(): InheritedAuth | null | undefined {
  return useContext(InheritedAuthContext)
}
