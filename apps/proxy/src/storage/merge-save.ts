import type { MergeNote, MergeResult, SaveConflictDetails } from '@courier/shared'
import { CourierError } from '../errors.js'

type Versioned = { version: number }

export type MergeSave<T extends Versioned> = {
  /** The row now; throws NOT_FOUND when it is gone. */
  read(): Promise<T>
  /** The kept version `version` of the row, if any. */
  base(version: number): Promise<T | undefined>
  /** Who wrote version `version`, and when. */
  author(version: number): Promise<{ userId: string; at: string } | null>
  /** The patch applied to `onto`: what the editor meant. */
  apply(onto: T): T
  merge(base: T | null, mine: T, theirs: T): MergeResult<T>
  /** Writes `next` over `current` (only if the row is still at current.version) with its version; undefined: lost a race. */
  write(next: T, current: T): Promise<T | undefined>
  /** The sentence of the 409. */
  conflictMessage: string
}

export function saveConflict(message: string, details: SaveConflictDetails): CourierError {
  return new CourierError('STORAGE_CONFLICT', message, { details })
}

/**
 * A save that carries the version it started from. At that version: written as is. Moved on
 * since: merged three-way with the kept base version, field by field; fields both sides changed
 * differently answer 409 STORAGE_CONFLICT with {current, base, theirs, conflicts} and write
 * nothing. A writer that loses the race between read and write merges again with the winner.
 */
export async function saveMerging<T extends Versioned>(baseVersion: number, s: MergeSave<T>): Promise<T & MergeNote> {
  for (let attempt = 0; ; attempt++) {
    const current = await s.read()
    if (current.version === baseVersion) {
      const written = await s.write(s.apply(current), current)
      if (written) return written
    } else {
      const base = (await s.base(baseVersion)) ?? null
      const result = s.merge(base, s.apply(base ?? current), current)
      if (result.conflicts.length > 0) {
        throw saveConflict(s.conflictMessage, {
          current,
          base,
          theirs: await s.author(current.version),
          conflicts: result.conflicts,
        })
      }
      const written = await s.write(result.merged, current)
      if (written) return { ...written, merged: { fromTheirs: result.fromTheirs, baseVersion } }
    }
    if (attempt >= 4) {
      const now = await s.read()
      throw saveConflict(s.conflictMessage, { current: now, base: null, theirs: null, conflicts: [] })
    }
  }
}
