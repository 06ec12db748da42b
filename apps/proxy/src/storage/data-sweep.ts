import type { StoredBlob } from '../ports/blob-store.js'
import type { BodyStore } from './body-store.js'
import type { FileStore } from './file-store.js'
import type { Store } from './store.js'

/**
 * A blob younger than this is never swept: another Courier process (a `courier run` beside
 * `courier serve`, another team instance on the same database) may be writing it, or have
 * written a body whose history row is a moment away.
 */
export const PARTIAL_GRACE_MS = 10 * 60 * 1000
/**
 * An uploaded file is referenced only once the draft that holds it is saved; until then (or in
 * a tab not yet reloaded after a restart) it may still be wanted.
 */
export const UPLOAD_GRACE_MS = 24 * 60 * 60 * 1000

/**
 * Settings key: blobs written before this time (ms) were all found sealed by an earlier sweep, so
 * the reseal check (a header read and a key derivation per blob: seconds at 50,000 history
 * entries) skips them. Anything written since, by this Courier or an older one, is checked.
 */
export const SEALED_BEFORE_KEY = 'dataSweep.sealedBefore'

export type SweepReport = {
  removedBodies: number
  removedFiles: number
  removedPartial: number
  resealed: number
  problems: string[]
}

const FILE_ID = /"fileId"\s*:\s*"([0-9a-f-]{36})"/g

/** Every uploaded file id that a saved request (of any workspace) or an open tab's draft refers to. */
export async function referencedFileIds(store: Store): Promise<Set<string>> {
  const texts = [JSON.stringify(await store.workspace.all()), ...(await store.savedRequestTexts())]
  const ids = new Set<string>()
  for (const text of texts) for (const match of text.matchAll(FILE_ID)) ids.add(match[1]!)
  return ids
}

/**
 * At start: removes what a crash or a failed write left behind, and seals what an older Courier
 * wrote in clear, in the data folder or (team mode) the database's blobs.
 * - partial blobs (`.partial` files, incomplete rows: a write cut off): removed.
 * - response bodies with no history row (the send was cut off before it was recorded): removed.
 * - uploaded files that no saved request and no draft refers to: removed. History entries do not
 *   keep a file: re-sending one whose file is gone asks to choose it again (FILE_NOT_FOUND).
 * - bodies and files from before sealing: resealed in place.
 * Anything younger than its grace period is left for the next start; names that are not
 * Courier's (no id) are never touched. Only blobs written since the last sweep that found
 * everything sealed are checked for plain bytes (SEALED_BEFORE_KEY).
 */
export async function sweepDataFolder(
  store: Store,
  bodies: BodyStore,
  files: FileStore,
  now = Date.now(),
): Promise<SweepReport> {
  const report: SweepReport = { removedBodies: 0, removedFiles: 0, removedPartial: 0, resealed: 0, problems: [] }
  const settled = (blob: StoredBlob, grace: number) => now - blob.writtenMs >= grace

  // One bad blob (damaged, unreadable) is reported and left; it never stops Courier from starting.
  const guarded = async (blob: StoredBlob, work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      report.problems.push(`${blob.name}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const sealedBefore = (await store.settings.get<number>(SEALED_BEFORE_KEY)) ?? 0
  const unchecked = (blob: StoredBlob) => blob.writtenMs >= sealedBefore
  const storedBodies = await bodies.blobs.list()
  const recorded = await store.history.known(storedBodies.flatMap((blob) => (blob.id ? [blob.id] : [])))
  for (const blob of storedBodies) await guarded(blob, () => sweepBody(blob))
  const referenced = await referencedFileIds(store)
  for (const blob of await files.blobs.list()) await guarded(blob, () => sweepFile(blob))
  // A margin of the grace period, for clocks of other instances a little behind this one's.
  if (report.problems.length === 0)
    await store.settings.put(SEALED_BEFORE_KEY, now - PARTIAL_GRACE_MS).catch(() => undefined) // read-only: next time
  return report

  async function sweepBody(blob: StoredBlob) {
    if (blob.partial) await removePartial(bodies.blobs, blob)
    else if (!blob.id || bodies.writing(blob.id)) return
    else if (!recorded.has(blob.id)) {
      if (!settled(blob, PARTIAL_GRACE_MS)) return
      await bodies.blobs.discard(blob)
      report.removedBodies++
    } else if (unchecked(blob) && (await bodies.blobs.resealIfPlain(blob))) report.resealed++
  }

  async function sweepFile(blob: StoredBlob) {
    if (blob.partial) await removePartial(files.blobs, blob)
    else if (!blob.id) return
    else if (!referenced.has(blob.id) && settled(blob, UPLOAD_GRACE_MS)) {
      await files.blobs.discard(blob)
      report.removedFiles++
    } else if (unchecked(blob) && (await files.blobs.resealIfPlain(blob))) report.resealed++
  }

  async function removePartial(blobs: BodyStore['blobs'], blob: StoredBlob) {
    if (!settled(blob, PARTIAL_GRACE_MS)) return
    await blobs.discard(blob)
    report.removedPartial++
  }
}
