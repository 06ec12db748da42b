import { createContext, useContext } from 'react'

/**
 * The environment the next send will use; OAuth 2 tokens are kept per environment, so the Auth
 * tab must fetch and show the token the send will find. The app shell provides it; without a
 * provider the tokens are the environment-less ("default") ones.
 */
export const AuthEnvironmentContext = createContext<string | null>(null)

export function useAuthEnvironment(): string | null {
  return useContext(AuthEnvironmentContext)
}
