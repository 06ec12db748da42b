import { GLOBALS_ID } from '@courier/shared'
import { useQuery } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import { environmentsOptions } from '../environments'
import { useEditorScopes } from '../../shared/variables/scopes-context'

/**
 * The environment the next send will use; OAuth 2 tokens are kept per environment, so the Auth
 * tab must fetch and show the token the send will find. The app shell should provide it.
 */
export const AuthEnvironmentContext = createContext<string | null | undefined>(undefined)

/**
 * The provided environment id; without a provider, the one the editor's variable scopes name
 * (unambiguous names only), else none — the environment-less ("default") tokens.
 */
export function useAuthEnvironment(): string | null {
  const provided = useContext(AuthEnvironmentContext)
  const scopes = useEditorScopes()
  const named = scopes.find((scope) => scope.kind === 'environment')?.name
  const environments = useQuery({ ...environmentsOptions(), enabled: provided === undefined && named !== undefined })
  if (provided !== undefined) return provided
  if (named === undefined) return null
  const matches = (environments.data ?? []).filter(
    (environment) => environment.name === named && environment.id !== GLOBALS_ID,
  )
  return matches.length === 1 ? matches[0]!.id : null
}
