import type { Scope } from '@courier/shared'
import type { ReactNode } from 'react'
import { AuthEnvironmentContext, InheritedAuthContext, type InheritedAuth } from '../features/auth'
import { ScopesContext } from '../shared/variables/scopes-context'

type EditorContextProps = {
  scopes: Scope[]
  environmentId: string | null
  /** What the request's parents lend its Auth tab; undefined for a request with no parents. */
  inherited: InheritedAuth | null | undefined
  children: ReactNode
}

/** What the request editor needs to know about where the request lives: variables, environment, parents. */
export function EditorContext({ scopes, environmentId, inherited, children }: EditorContextProps) {
  return (
    <ScopesContext.Provider value={scopes}>
      <AuthEnvironmentContext.Provider value={environmentId}>
        <InheritedAuthContext.Provider value={inherited}>{children}</InheritedAuthContext.Provider>
      </AuthEnvironmentContext.Provider>
    </ScopesContext.Provider>
  )
}
