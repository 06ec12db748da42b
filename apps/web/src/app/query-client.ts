import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { ApiError } from '../shared/api/proxy-client'
import { reportMutationFailure } from './failure-notices'

type Listener = () => void
const listeners = new Set<Listener>()
let sessionStale = false

function noteError(error: unknown) {
  if (error instanceof ApiError && error.code === 'UNAUTHORIZED' && !sessionStale) {
    sessionStale = true
    for (const listener of listeners) listener()
  }
}

/** True once the server refused this page's session: it ended, and the page must sign in again. */
export const staleSession = {
  subscribe(listener: Listener) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  get: () => sessionStale,
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: noteError }),
    mutationCache: new MutationCache({
      onError: (error, variables, _context, mutation) => {
        noteError(error)
        reportMutationFailure(error, variables, mutation.meta)
      },
    }),
    defaultOptions: {
      queries: { retry: (count, error) => !(error instanceof ApiError) && count < 2, refetchOnWindowFocus: false },
    },
  })
}
