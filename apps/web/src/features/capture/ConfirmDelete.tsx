import { Dialog } from '../../shared/ui/Dialog'

type ConfirmDeleteProps = {
  /** What is deleted, e.g. "mount api": the dialog is titled "Delete mount api?". */
  what: string | null
  detail: string
  onConfirm: () => void
  onClose: () => void
}

/** Asks before deleting: Delete (danger) or Cancel; Escape cancels. */
export function ConfirmDelete({ what, detail, onConfirm, onClose }: ConfirmDeleteProps) {
  return (
    <Dialog
      title={`Delete ${what ?? ''}?`}
      open={what !== null}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              onConfirm()
              onClose()
            }}
          >
            Delete
          </button>
        </>
      }
    >
      <p>{detail}</p>
    </Dialog>
  )
}
