import { EnvironmentSchema, mergeEnvironment, SaveConflictDetailsSchema, type FieldConflict } from '@courier/shared'
import type { QueryClient } from '@tanstack/react-query'
import { keptReason, sendSettings, type KeptSettings, type Outbox } from '../features/outbox'
import { ApiError } from '../shared/api/proxy-client'
import { reportFailure } from './failure-notices'
import type { SaveOutcome } from './use-save-tab'

/**
 * Sends a kept Save of the Environments or Settings dialog again, on the version it was made on.
 * Saved or merged: no longer kept. Still unreachable: stays kept. A part changed elsewhere too
 * (409 with its conflicts): stays kept, marked, and waits for the person in the dialog, which
 * shows both values; it is never sent again on its own. Any other answer is said, as a Save's.
 */
export async function replaySettings(
  kept: KeptSettings,
  outbox: Outbox,
  queryClient: QueryClient,
): Promise<SaveOutcome> {
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: kept.kind === 'environment' ? ['environments'] : ['collections'] })
  try {
    await sendSettings(kept, kept.baseVersion)
    // Read the saved state before letting go of the kept one: a dialog opened in between shows
    // one or the other, never the state from before the save.
    await refresh()
    outbox.dropSettings(kept, kept.patch)
    return 'saved'
  } catch (error) {
    const reason = keptReason(error)
    if (reason) {
      outbox.keep({ ...kept, reason })
      return 'kept'
    }
    if (error instanceof ApiError && error.code === 'STORAGE_CONFLICT') {
      const details = SaveConflictDetailsSchema.safeParse(error.details)
      // An environment's 409 carries only `current` (see conflictsOf): read it even without the rest.
      const current = (error.details as { current?: unknown } | undefined)?.current
      outbox.keep({
        ...kept,
        conflicts: conflictsOf(kept, { current, conflicts: details.success ? details.data.conflicts : [] }),
      })
      void refresh()
      return 'conflict'
    }
    outbox.dropSettings(kept, kept.patch)
    reportFailure(`Could not save your kept changes to “${kept.title}”`, error)
    void refresh()
    return 'failed'
  }
}

/**
 * The parts both changed, as the server says; an environment's 409 carries only the environment
 * as it is now (hidden as any answer to this person), so its parts that differ from the kept edit
 * are compared here, each with both values.
 */
function conflictsOf(kept: KeptSettings, details: { current: unknown; conflicts: FieldConflict[] }): FieldConflict[] {
  if (details.conflicts.length > 0 || kept.kind !== 'environment') return details.conflicts
  const current = EnvironmentSchema.safeParse(details.current)
  if (!current.success) return []
  const theirs = current.data
  const mine = { ...theirs, name: kept.patch.name ?? theirs.name, variables: kept.patch.variables ?? theirs.variables }
  return mergeEnvironment(null, mine, theirs).conflicts
}
