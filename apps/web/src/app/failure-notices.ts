import { errorParts } from '../shared/ui/ErrorAlert'
import type { MutationMeta } from '../shared/api/mutation-meta'
import { ApiError } from '../shared/api/proxy-client'

export type FailureNotice = { id: number; action: string; code: string; message: string; next: string }

type Listener = () => void
const listeners = new Set<Listener>()
let current: FailureNotice | null = null
let counter = 0

const DEFAULT_NEXT = 'Try again; if it keeps failing, reload the page.'

/** Says that an action failed: the latest failure is shown until dismissed or replaced. */
export function reportFailure(action: string, error: unknown, next = DEFAULT_NEXT): void {
  // An aborted call was asked for; a stale page is said by the banner that asks to reload.
  if (error instanceof Error && error.name === 'AbortError') return
  if (error instanceof ApiError && error.code === 'UNAUTHORIZED') return
  const { code, message } = errorParts(error)
  // A refusal (a viewer saving) does not clear up on retry; its sentence already says what to do.
  if (code === 'FORBIDDEN' && next === DEFAULT_NEXT) next = ''
  current = { id: ++counter, action, code, message, next }
  for (const listener of listeners) listener()
}

/** The mutation cache's path: every failed mutation not shown by its own component is reported. */
export function reportMutationFailure(error: unknown, variables: unknown, meta: MutationMeta | undefined): void {
  if (meta?.shownInline) return
  const describe = meta?.failure as ((variables: unknown) => string) | undefined
  reportFailure(describe ? describe(variables) : 'Could not save your change', error, meta?.next)
}

export const failureNotices = {
  subscribe(listener: Listener) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  get: () => current,
  dismiss(id: number) {
    if (current?.id !== id) return
    current = null
    for (const listener of listeners) listener()
  },
}
