import { defaultMessage, statusForCode, type ErrorCode, type ErrorPhase } from '@courier/shared'

/** An expected failure with a code from the closed set; the message is shown to the person as is. */
export class CourierError extends Error {
  readonly statusCode: number

  constructor(
    readonly code: ErrorCode,
    message: string = defaultMessage(code),
    readonly extra: {
      field?: string
      phase?: ErrorPhase
      details?: unknown
      cause?: unknown
      retryAfterSeconds?: number
    } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause })
    this.name = 'CourierError'
    this.statusCode = statusForCode(code)
  }

  get field() {
    return this.extra.field
  }

  get phase() {
    return this.extra.phase
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.extra.field === undefined ? {} : { field: this.extra.field }),
        ...(this.extra.phase === undefined ? {} : { phase: this.extra.phase }),
        ...(this.extra.details === undefined ? {} : { details: this.extra.details }),
      },
    }
  }
}
