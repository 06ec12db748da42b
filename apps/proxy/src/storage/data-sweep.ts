import { rm } from 'node:fs/promises'
import { storedEntries, type BodyStore, type StoredEntry } from './body-store.js'
import type { FileStore } from './file-store.js'
import type { Store } from './store.js'

/**
 * A file younger than this is never swept: another Courier process on the same data folder (a
 * `courier run` beside `courier serve`) may be writing it, or have written a body whose history
 * row is a moment away.
 */
export const PARTIAL_GRACE_MS = 10 * 60 * 1000
/**
 * An uploaded file is referenced only once the draft that holds it is saved; until then (or in
 * a tab not yet reloaded after a restart) it may still be wanted.
 */
export const UPLOAD_GRACE_MS = 24 * 60 * 60 * 1000

export type SweepReport = {
  removedBodies: number
  removedFiles: number
  removedPartial: number
  resealed: number
  problems: string[]
}

const FILE_ID = /"fileId"\s*:\s*"([0-9a-f-]{36})"/g

/** Every uploaded file id that a saved request or an open tab's draft refers to. */
export async function referencedFileIds(store: Store): Promise<Set<string>> {
  const texts = [JSON.stringify(await store.workspace.get()), JSON.stringify(await store.collections.list())]
  const ids = new Set<string>()
  for (const text of texts) for (const match of text.matchAll(FILE_ID)) ids.add(match[1]!)
  return ids
}

/**
 * At start: removes what a crash or a failed write left behind, and seals what an older Courier
 * wrote in clear.
 * - `.partial` files (a write cut off): removed.
 * - response bodies with no history row (the send was cut off before it was recorded): removed.
 * - uploaded files that no saved request and no draft refers to: removed. History entries do not
 *   keep a file: re-sending one whose file is gone asks to choose it again (FILE_NOT_FOUND).
 * - bodies and files from before sealing: resealed in place.
 * Anything younger than its grace period is left for the next start; names that are not
 * Courier's (no id) are never touched.
 */
export async function sweepDataFolder(
  store: Store,
  bodies: BodyStore,
  files: FileStore,
  now = Date.now(),
): Promise<SweepReport> {
  const report: SweepReport = { removedBodies: 0, removedFiles: 0, removedPartial: 0, resealed: 0, problems: [] }
  const settled = (entry: StoredEntry, grace: number) => now - entry.mtimeMs >= grace

  const keepOrReseal = async (entry: StoredEntry, sealed: BodyStore['sealed']) => {
    if (await sealed.isSealed(entry.path)) return
    await sealed.reseal(entry.path)
    report.resealed++
  }
  const removePartial = async (entry: StoredEntry) => {
    if (!settled(entry, PARTIAL_GRACE_MS)) return
    await rm(entry.path, { force: true })
    report.removedPartial++
  }

  // One bad file (damaged, unreadable) is reported and left; it never stops Courier from starting.
  const guarded = async (entry: StoredEntry, work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      report.problems.push(`${entry.path}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  for (const entry of await storedEntries(bodies.dir)) {
    await guarded(entry, () => sweepBody(entry))
  }
  const referenced = await referencedFileIds(store)
  for (const entry of await storedEntries(files.dir)) {
    await guarded(entry, () => sweepFile(entry, referenced))
  }
  return report

  async function sweepBody(entry: StoredEntry) {
    if (entry.partial) await removePartial(entry)
    else if (!entry.id || bodies.writing(entry.id)) return
    else if (!(await store.history.get(entry.id))) {
      if (!settled(entry, PARTIAL_GRACE_MS)) return
      await rm(entry.path, { force: true })
      report.removedBodies++
    } else await keepOrReseal(entry, bodies.sealed)
  }

  async function sweepFile(entry: StoredEntry, referenced: Set<string>) {
    if (entry.partial) await removePartial(entry)
    else if (!entry.id) return
    else if (!referenced.has(entry.id) && settled(entry, UPLOAD_GRACE_MS)) {
      await rm(entry.path, { force: true })
      report.removedFiles++
    } else await keepOrReseal(entry, files.sealed)
  }
}
