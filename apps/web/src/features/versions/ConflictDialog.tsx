import type { FieldConflict } from '@courier/shared'
import { useState } from 'react'
import { Dialog } from '../../shared/ui/Dialog'
import { formatFieldValue, when, who } from './format-value'
import { usePersonName } from './use-person-name'
import './versions.css'

export type Choice = 'mine' | 'theirs'

type ConflictDialogProps = {
  /** What is being saved ("Orders"). */
  name: string
  conflicts: FieldConflict[]
  /** Who wrote the current version, and when. */
  theirs: { userId: string; at: string } | null
  open: boolean
  /** Save with these choices on top of the current version. */
  onResolve: (choices: Record<string, Choice>) => void
  /** Close; the draft stays as it is. */
  onCancel: () => void
}

/** A save met edits made elsewhere to the same parts: per part, the base, theirs and mine side by side. */
export function ConflictDialog({ name, conflicts, theirs, open, onResolve, onCancel }: ConflictDialogProps) {
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const nameOf = usePersonName()
  const theirsBy = who(theirs?.userId, nameOf(theirs?.userId))
  const theirsLabel = `Theirs — ${theirsBy}${theirs?.at ? `, ${when(theirs.at)}` : ''}`
  return (
    <Dialog
      title="Resolve conflicting edits"
      open={open}
      wide
      onClose={onCancel}
      footer={
        <>
          <span className="hint">Cancel keeps your draft unsaved.</span>
          <span className="dialog__spacer" />
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => onResolve(Object.fromEntries(conflicts.map((c) => [c.field, choices[c.field] ?? 'mine'])))}
          >
            Save with these choices
          </button>
        </>
      }
    >
      <p className="hint">
        “{name}” was changed by {theirsBy} since you opened it. Everything else you changed is kept; for each part below
        both of you changed, choose which value to keep.
      </p>
      {conflicts.map((conflict) => {
        const choice = choices[conflict.field] ?? 'mine'
        const pick = (value: Choice) => setChoices((c) => ({ ...c, [conflict.field]: value }))
        return (
          <fieldset key={conflict.field} className="conflict" role="radiogroup" aria-label={conflict.label}>
            <legend className="conflict__legend">{conflict.label}</legend>
            <div className="conflict__columns">
              <div className="conflict__side conflict__side--base">
                <span className="conflict__heading">Before (when you opened it)</span>
                <pre className="conflict__value" aria-label={`${conflict.label}: before`}>
                  {formatFieldValue(conflict.field, conflict.base)}
                </pre>
              </div>
              <label className={`conflict__side${choice === 'theirs' ? ' conflict__side--chosen' : ''}`}>
                <span className="conflict__heading">
                  <input
                    type="radio"
                    name={`conflict-${conflict.field}`}
                    checked={choice === 'theirs'}
                    onChange={() => pick('theirs')}
                    aria-label={`Keep theirs: ${conflict.label}`}
                  />
                  {theirsLabel}
                </span>
                <pre className="conflict__value" aria-label={`${conflict.label}: theirs`}>
                  {formatFieldValue(conflict.field, conflict.theirs)}
                </pre>
              </label>
              <label className={`conflict__side${choice === 'mine' ? ' conflict__side--chosen' : ''}`}>
                <span className="conflict__heading">
                  <input
                    type="radio"
                    name={`conflict-${conflict.field}`}
                    checked={choice === 'mine'}
                    onChange={() => pick('mine')}
                    aria-label={`Keep mine: ${conflict.label}`}
                  />
                  Mine
                </span>
                <pre className="conflict__value" aria-label={`${conflict.label}: mine`}>
                  {formatFieldValue(conflict.field, conflict.mine)}
                </pre>
              </label>
            </div>
          </fieldset>
        )
      })}
    </Dialog>
  )
}
