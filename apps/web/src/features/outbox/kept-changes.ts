import {
  FieldConflictSchema,
  RequestSpecSchema,
  UpdateCollectionSchema,
  UpdateEnvironmentSchema,
  type FieldConflict,
  type RequestSpec,
  type UpdateCollection,
  type UpdateEnvironment,
} from '@courier/shared'
import { z } from 'zod'
import { ApiError } from '../../shared/api/proxy-client'

/** Why a save could not reach the server: the network (or Courier) is down, or the session ended. */
export type KeptReason = 'offline' | 'signed-out'

/** A save of a shared request kept in the browser until it can be replayed, with the version it was made on. */
export type KeptChange = {
  kind?: 'request'
  itemId: string
  title: string
  /** The version the edit started from: the replay sends it, so the server merges field by field. */
  baseVersion: number
  spec: RequestSpec
  reason: KeptReason
  keptAt: string
}

/**
 * A Save of the Environments dialog (an environment or the globals) or of a collection's or
 * folder's Settings, kept like a request save. `conflicts`: its replay met changes made elsewhere
 * to the same parts; it waits (never replayed again on its own) until the person chooses in the dialog.
 */
export type KeptSettings = {
  itemId: string
  title: string
  baseVersion: number
  reason: KeptReason
  keptAt: string
  conflicts?: FieldConflict[]
} & (
  | { kind: 'environment'; patch: Omit<UpdateEnvironment, 'version'> }
  | { kind: 'collection' | 'folder'; patch: Omit<UpdateCollection, 'version'> }
)

/** Whatever the outbox keeps: request saves and settings saves, in the order they were made. */
export type KeptSave = KeptChange | KeptSettings

const Common = {
  itemId: z.string().min(1),
  title: z.string(),
  baseVersion: z.number().int().nonnegative(),
  reason: z.enum(['offline', 'signed-out']),
  keptAt: z.string(),
}
const KeptChangeSchema = z.object({ ...Common, kind: z.literal('request').optional(), spec: RequestSpecSchema })
const Conflicts = { conflicts: z.array(FieldConflictSchema).optional() }
const KeptSaveSchema = z.union([
  KeptChangeSchema,
  z.object({
    ...Common,
    ...Conflicts,
    kind: z.literal('environment'),
    patch: UpdateEnvironmentSchema.omit({ version: true }),
  }),
  z.object({
    ...Common,
    ...Conflicts,
    kind: z.enum(['collection', 'folder']),
    patch: UpdateCollectionSchema.omit({ version: true }),
  }),
])

export const isRequestSave = (kept: KeptSave): kept is KeptChange => kept.kind === undefined || kept.kind === 'request'
const kindOf = (kept: KeptSave) => kept.kind ?? 'request'
const sameTarget = (a: KeptSave, b: { kind?: string; itemId: string }) =>
  a.itemId === b.itemId && kindOf(a) === (b.kind ?? 'request')

/** The save failed in a way that a later replay can fix (else null: the server answered, say it). */
export function keptReason(error: unknown): KeptReason | null {
  if (!(error instanceof ApiError)) return null
  if (error.status === 0) return 'offline'
  if (error.status === 401 || error.code === 'UNAUTHORIZED') return 'signed-out'
  return null
}

/** One outbox per Courier server, person and workspace: another person's kept edits never replay as yours. */
export function outboxKey(origin: string, userId: string, workspaceId: string | null): string {
  return `courier.outbox.v1:${origin}:${userId}:${workspaceId ?? 'personal'}`
}

/** The kept changes in `raw` (what storage holds); anything unreadable is left out, never thrown. */
export function parseKept(raw: string | null): KeptSave[] {
  if (!raw) return []
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(json)) return []
  return json.flatMap((entry) => {
    const parsed = KeptSaveSchema.safeParse(entry)
    return parsed.success ? [parsed.data as KeptSave] : []
  })
}

/**
 * Adds a change, in order. A second save of the same request replaces the first's spec in place
 * and keeps the first's base version: the edit was still made on that version, since nothing
 * reached the server in between.
 */
export function keepChange(list: readonly KeptSave[], change: KeptSave): KeptSave[] {
  const at = list.findIndex((kept) => sameTarget(kept, change))
  if (at === -1) return [...list, change]
  const merged = { ...change, baseVersion: list[at]!.baseVersion }
  return list.map((kept, index) => (index === at ? merged : kept))
}

/** Removes the request's change once the server has answered for it (saved, merged or in conflict). */
export function dropChange(list: readonly KeptSave[], itemId: string, spec?: RequestSpec): KeptSave[] {
  // A newer save kept while the replay was on its way stays (its spec is not the one replayed).
  return list.filter(
    (kept) => !isRequestSave(kept) || kept.itemId !== itemId || (spec !== undefined && !sameJson(kept.spec, spec)),
  )
}

/**
 * Removes a settings save once the server has answered for it. `patch`: the one replayed; a newer
 * Save kept while it was on its way (another patch) stays.
 */
export function dropSettings(
  list: readonly KeptSave[],
  target: { kind: KeptSettings['kind']; itemId: string },
  patch?: unknown,
): KeptSave[] {
  return list.filter(
    (kept) => !sameTarget(kept, target) || isRequestSave(kept) || (patch !== undefined && !sameJson(kept.patch, patch)),
  )
}

/** The kept settings save of this environment, collection or folder, if any. */
export function keptSettingsOf<K extends KeptSettings['kind']>(
  list: readonly KeptSave[],
  kind: K,
  itemId: string,
): (KeptSettings & { kind: K }) | undefined {
  return list.find((kept) => sameTarget(kept, { kind, itemId })) as (KeptSettings & { kind: K }) | undefined
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The banner's sentence: how many changes wait and what will send them. */
export function keptSentence(list: readonly KeptSave[]): string {
  const waiting = list.filter((kept) => isRequestSave(kept) || !kept.conflicts)
  const stuck = list.length - waiting.length
  const choose =
    stuck === 0
      ? ''
      : ` ${stuck === 1 ? '1 was' : `${stuck} were`} also changed elsewhere: open ${stuck === 1 ? 'it' : 'them'} to choose what to keep.`
  if (waiting.length === 0)
    return `${stuck === 1 ? '1 change is' : `${stuck} changes are`} not saved yet — kept in this browser, changed elsewhere meanwhile: open ${stuck === 1 ? 'it' : 'them'} to choose what to keep.`
  return sentence(waiting) + choose
}

function sentence(list: readonly KeptSave[]): string {
  const count = list.length
  const changes = count === 1 ? '1 change is' : `${count} changes are`
  const signedOut = list.some((kept) => kept.reason === 'signed-out')
  const when = signedOut ? 'after you sign in again' : 'when you are back online'
  return `${changes} not saved yet — kept in this browser, ${count === 1 ? 'it' : 'they'} will be saved ${when}.`
}
