import { useEffect } from 'react'
import './toast.css'

export type ToastMessage = { id: number; text: string; action?: { label: string; run: () => void } }

/** A short-lived message at the bottom (polite live region), with one optional action such as Undo. */
export function Toast({
  message,
  onDismiss,
  timeoutMs = 8000,
}: {
  message: ToastMessage | null
  onDismiss: () => void
  timeoutMs?: number
}) {
  useEffect(() => {
    if (!message) return
    const timer = setTimeout(onDismiss, timeoutMs)
    return () => clearTimeout(timer)
  }, [message, onDismiss, timeoutMs])
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message ? (
        <div className="toast">
          <span>{message.text}</span>
          {message.action ? (
            <button
              type="button"
              className="toast__action"
              onClick={() => {
                message.action!.run()
                onDismiss()
              }}
            >
              {message.action.label}
            </button>
          ) : null}
          <button type="button" className="icon-button toast__close" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  )
}
