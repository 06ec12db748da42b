import { useEffect, useRef, type ReactNode } from 'react'
import './dialog.css'

type DialogProps = {
  title: string
  open: boolean
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  wide?: boolean
}

/** A modal on the native <dialog>: focus is trapped, Escape closes, the title names it. */
export function Dialog({ title, open, onClose, children, footer, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      // Start on the control marked data-autofocus, else in the first field, not on the Close button.
      ;(
        dialog.querySelector<HTMLElement>('[data-autofocus]') ??
        dialog.querySelector<HTMLElement>(
          '.dialog__body input:not([type="checkbox"]), .dialog__body select, .dialog__body textarea',
        )
      )?.focus()
    }
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-label={title}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) onClose() // a click on the backdrop
      }}
    >
      {open ? (
        <div className="dialog__frame">
          <header className="dialog__header">
            <h2 className="dialog__title">{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog__body">{children}</div>
          {footer ? <footer className="dialog__footer">{footer}</footer> : null}
        </div>
      ) : null}
    </dialog>
  )
}
