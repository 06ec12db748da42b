import { z } from 'zod'
import { CollectionItemSchema, CollectionSchema } from './collection.js'
import { EnvironmentSchema } from './environment.js'

/** What has versions and can go to the trash: a collection, an item (request or folder), an environment. */
export const VersionedKindSchema = z.enum(['collection', 'item', 'environment'])
export type VersionedKind = z.infer<typeof VersionedKindSchema>

/** One saved state, as it was written; `changes` says in words what it changed from the one before. */
export const VersionSummarySchema = z.object({
  version: z.number().int(),
  userId: z.string(),
  at: z.string(),
  changes: z.array(z.string()),
})
export type VersionSummary = z.infer<typeof VersionSummarySchema>

export const VersionedDataSchema = z.union([CollectionItemSchema, EnvironmentSchema, CollectionSchema])
export const VersionDetailSchema = VersionSummarySchema.extend({ kind: VersionedKindSchema, data: VersionedDataSchema })
export type VersionDetail = z.infer<typeof VersionDetailSchema>

export const VersionParamsSchema = z.object({ kind: VersionedKindSchema, id: z.string().min(1).max(64) })
export const OneVersionParamsSchema = VersionParamsSchema.extend({ version: z.coerce.number().int().min(1) })

/** 409 STORAGE_CONFLICT details on a save: the row now, the version the editor started from, each field both changed. */
export const FieldConflictSchema = z.object({
  field: z.string(),
  label: z.string(),
  base: z.unknown(),
  mine: z.unknown(),
  theirs: z.unknown(),
})
export const SaveConflictDetailsSchema = z.object({
  current: z.unknown(),
  /** Null when the base version is no longer kept: nothing can be merged then. */
  base: z.unknown().nullable(),
  /** Who wrote the current version, and when. */
  theirs: z.object({ userId: z.string(), at: z.string() }).nullable().default(null),
  conflicts: z.array(FieldConflictSchema),
})
export type SaveConflictDetails = z.infer<typeof SaveConflictDetailsSchema>

/** Added to a save's answer when the row had moved on and the save was merged with it. */
export const MergeNoteSchema = z.object({
  merged: z.object({ fromTheirs: z.array(z.string()), baseVersion: z.number().int() }).optional(),
})
export type MergeNote = z.infer<typeof MergeNoteSchema>

export const TrashEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['collection', 'folder', 'request', 'environment']),
  name: z.string(),
  /** The collection it was in (for a folder or request). */
  collectionName: z.string().nullable(),
  deletedBy: z.string(),
  deletedAt: z.string(),
  /** Requests and folders inside it (a collection's or folder's contents). */
  itemCount: z.number().int(),
})
export type TrashEntry = z.infer<typeof TrashEntrySchema>

export const TrashRestoredSchema = z.object({
  kind: TrashEntrySchema.shape.kind,
  id: z.string(),
  /** Where it went, in words: "into Shop API / Orders", "to the top of Shop API", "into a new collection …". */
  where: z.string(),
})
export type TrashRestored = z.infer<typeof TrashRestoredSchema>

/** Items in the trash are purged after this many days. */
export const TRASH_DAYS = 30
/** Versions kept per item: every version younger than VERSION_KEEP_DAYS, and at least the last VERSION_KEEP_LAST. */
export const VERSION_KEEP_DAYS = 30
export const VERSION_KEEP_LAST = 50
