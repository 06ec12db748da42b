import type { ErrorCode } from '@courier/shared'

const PHASE_WORDS: Record<string, string> = {
  validate: 'before sending',
  resolve: 'while looking up the host',
  connect: 'while connecting',
  tls: 'during the TLS handshake',
  send: 'while sending',
  receive: 'while receiving',
  decode: 'while decoding the body',
  redirect: 'while following a redirect',
  store: 'while saving',
  auth: 'while authenticating',
}

type ErrorAlertProps = { code: ErrorCode; message: string; phase?: string; field?: string }

/** A coded error and its sentence, announced to screen readers. */
export function ErrorAlert({ code, message, phase, field }: ErrorAlertProps) {
  return (
    <div role="alert" className="error-alert">
      <div className="error-alert__head">
        <span className="error-alert__code">{code}</span>
        {phase && PHASE_WORDS[phase] ? <span className="error-alert__phase">{PHASE_WORDS[phase]}</span> : null}
        {field ? <span className="error-alert__phase">in {field}</span> : null}
      </div>
      <p className="error-alert__message">{message}</p>
    </div>
  )
}
