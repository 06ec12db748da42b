import { Dialog } from '../shared/ui/Dialog'
import type { SaveConflict } from './use-save-tab'

type SaveConflictDialogProps = {
  conflict: SaveConflict | null
  onDismiss: () => void
  onReloadTheirs: () => void
  onOverwrite: () => void
}

/** Ctrl+S found a newer version on the server: reload theirs or overwrite with mine. */
export function SaveConflictDialog({ conflict, onDismiss, onReloadTheirs, onOverwrite }: SaveConflictDialogProps) {
  return (
    <Dialog
      title="Save conflict"
      open={conflict !== null}
      onClose={onDismiss}
      footer={
        <>
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={onReloadTheirs}>
            Reload their version
          </button>
          <button type="button" className="button button--primary" onClick={onOverwrite}>
            Overwrite with mine
          </button>
        </>
      }
    >
      <p>“{conflict?.current.name}” was changed elsewhere (another tab or a teammate) since you opened it.</p>
      <p className="hint">
        Reload to see their version (your edits in this tab are replaced), or overwrite theirs with yours.
      </p>
    </Dialog>
  )
}
