import { CourierError } from '../errors.js'

export type Deadline = { controller: AbortController; clear: () => void }

/**
 * The total timeout of a send (all hops, retries and body included): the controller aborts with
 * REQUEST_TIMEOUT once `timeoutMs` has passed. `clear` when the work is done.
 */
export function totalDeadline(
  timeoutMs: number,
  message = `No complete answer within ${timeoutMs / 1000} s (total timeout).`,
): Deadline {
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(new CourierError('REQUEST_TIMEOUT', message, { phase: 'receive' })),
    timeoutMs,
  )
  return { controller, clear: () => clearTimeout(timer) }
}
