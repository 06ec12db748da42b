import { ConflictDialog } from '../features/versions'
import type { useSaveTab } from './use-save-tab'

/** The conflict a save met (field-level merge could not settle it): resolve field by field, or keep the draft. */
export function TabConflictDialog({ saving }: { saving: ReturnType<typeof useSaveTab> }) {
  const { conflict } = saving
  return (
    <ConflictDialog
      key={conflict ? `${conflict.tab.id}-${conflict.current.version}` : 'none'}
      open={conflict !== null}
      name={conflict?.current.name ?? ''}
      conflicts={conflict?.conflicts ?? []}
      theirs={conflict?.theirs ?? null}
      onResolve={saving.resolve}
      onCancel={saving.dismissConflict}
    />
  )
}
