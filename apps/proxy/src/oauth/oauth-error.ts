import type { ErrorCode, OAuthStepId } from '@courier/shared'
import { CourierError } from '../errors.js'

/** Every OAuth failure names its step, in the message for people and in `details.step` for code. */
export function oauthError(
  code: ErrorCode,
  step: OAuthStepId,
  message: string,
  extra: { field?: string; cause?: unknown } = {},
): CourierError {
  return new CourierError(code, message, { phase: 'auth', details: { step }, ...extra })
}

export function stepOf(error: CourierError): OAuthStepId | undefined {
  const details = error.extra.details as { step?: OAuthStepId } | undefined
  return details?.step
}

/** A transport failure (refused, DNS, TLS, timeout…) keeps its code and gains the step's name. */
export function inStep(error: unknown, step: OAuthStepId, what: string): CourierError {
  if (error instanceof CourierError) {
    if (stepOf(error)) return error
    return oauthError(error.code, step, `${what}: ${error.message}`, { cause: error })
  }
  return oauthError('INTERNAL', step, `${what} failed unexpectedly.`, { cause: error })
}
