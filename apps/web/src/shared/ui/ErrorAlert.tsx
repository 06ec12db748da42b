import { ApiError } from '../api/proxy-client'
import './error-alert.css'

type ErrorAlertProps = {
  code: string
  message: string
  /** Where it happened, each shown beside the code: "while connecting", "in body". */
  context?: (string | false | null | undefined)[]
}

/** A coded error and its sentence, announced to screen readers; text from elsewhere stays text, never HTML. */
export function ErrorAlert({ code, message, context = [] }: ErrorAlertProps) {
  return (
    <div role="alert" className="error-alert">
      <div className="error-alert__head">
        <span className="error-alert__code">{code}</span>
        {context.filter(Boolean).map((text, index) => (
          <span key={index} className="error-alert__phase">
            {text}
          </span>
        ))}
      </div>
      <p className="error-alert__message">{message}</p>
    </div>
  )
}

/** The code and sentence of any error: Courier's own (ApiError), or anything else thrown. */
export function errorParts(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
