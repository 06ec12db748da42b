import { ApiError } from '../../shared/api/proxy-client'

/** A coded error and its sentence, announced; provider text is rendered as text, never as HTML. */
export function ErrorNotice({ code, message, title }: { code: string; message: string; title?: string }) {
  return (
    <div role="alert" className="error-alert auth-error">
      <div className="error-alert__head">
        <span className="error-alert__code">{code}</span>
        {title ? <span className="error-alert__phase">{title}</span> : null}
      </div>
      <p className="error-alert__message">{message}</p>
    </div>
  )
}

export function errorParts(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
