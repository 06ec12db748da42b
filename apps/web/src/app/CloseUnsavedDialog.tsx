import { tabLabel, type OpenTab } from '../features/workspace'
import { methodTone } from '../shared/format/method-tone'
import { Dialog } from '../shared/ui/Dialog'
import './close-unsaved.css'

type CloseUnsavedDialogProps = {
  tabs: OpenTab[] | null
  onSave: () => void
  onDiscard: () => void
  onCancel: () => void
}

/** Closing tabs with unsaved changes: Save (all) / Don't save / Cancel, listing what would be lost. */
export function CloseUnsavedDialog({ tabs, onSave, onDiscard, onCancel }: CloseUnsavedDialogProps) {
  const many = (tabs?.length ?? 0) > 1
  const drafts = tabs?.filter((tab) => tab.itemId === null).length ?? 0
  return (
    <Dialog
      title="Unsaved changes"
      open={tabs !== null}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onDiscard}>
            Don’t save
          </button>
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button--primary" data-autofocus onClick={onSave}>
            {many ? 'Save all' : 'Save'}
          </button>
        </>
      }
    >
      <p className="close-unsaved__question">
        {many
          ? `${tabs!.length} tabs have changes that are not saved. Save them before closing?`
          : 'This tab has changes that are not saved. Save them before closing?'}
      </p>
      <ul className="close-unsaved__list" aria-label="Tabs with unsaved changes">
        {tabs?.map((tab) => (
          <li key={tab.id} className="close-unsaved__tab">
            <span className={`close-unsaved__method ${methodTone(tab.draft.spec.method)}`}>
              {tab.draft.spec.method}
            </span>
            <span className="close-unsaved__name">{tabLabel(tab)}</span>
            <span className="close-unsaved__where">{tab.itemId === null ? 'never saved' : 'edited'}</span>
          </li>
        ))}
      </ul>
      <p className="hint">
        {drafts > 0
          ? `Saving asks where to keep ${drafts === 1 ? 'the never-saved request' : 'each never-saved request'}. `
          : ''}
        Closed by mistake? Ctrl+Shift+T reopens a closed tab with its changes.
      </p>
    </Dialog>
  )
}
