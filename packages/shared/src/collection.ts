import { z } from 'zod'
import { AuthSchema, RequestSpecSchema, RowsSchema } from './request-spec.js'
import { ScriptsSchema } from './scripts.js'
import { VariablesSchema } from './variables.js'

/**
 * Saved data carries `schemaVersion`. Version 1 was the first release's request (no `captures`);
 * version 2 adds captures. `upgradeSavedRequest` brings any stored version to the current one.
 */
export const SAVED_REQUEST_VERSION = 2

export const SavedRequestSchema = z.object({
  schemaVersion: z.literal(SAVED_REQUEST_VERSION),
  request: RequestSpecSchema,
})
export type SavedRequest = z.infer<typeof SavedRequestSchema>

/** Upgrades a stored request document of any known version; throws on an unknown one. */
export function upgradeSavedRequest(stored: unknown): SavedRequest {
  const doc = (stored ?? {}) as { schemaVersion?: unknown; request?: Record<string, unknown> }
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 1
  let request: Record<string, unknown> = { ...(doc.request ?? {}) }
  if (version > SAVED_REQUEST_VERSION) throw new Error(`This request was saved by a newer Courier (schema ${version}).`)
  if (version === 1) {
    request = { ...request, captures: [] } // v1 → v2: captures did not exist
    version = 2
  }
  return SavedRequestSchema.parse({ schemaVersion: version, request })
}

/** What a collection or folder passes down to the requests inside it. */
export const InheritableSchema = z.object({
  description: z.string().max(100_000).default(''),
  // A folder passes its parent's auth through unless it sets its own; at the top this means none.
  auth: AuthSchema.default({ type: 'inherit' }),
  headers: RowsSchema.default([]),
  variables: VariablesSchema.default([]),
  /** Run around every request inside: the collection's first, then each folder's, then the request's. */
  scripts: ScriptsSchema.default({ preRequest: '', test: '' }),
})

const Versioned = {
  id: z.string(),
  /** Increases on every write; a write carrying an older version is refused (409). */
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
}

export const CollectionSchema = InheritableSchema.extend({
  ...Versioned,
  name: z.string().min(1).max(200),
  schemaVersion: z.literal(1).default(1),
})

export const FolderSchema = InheritableSchema.extend({
  ...Versioned,
  kind: z.literal('folder'),
  collectionId: z.string(),
  parentId: z.string().nullable(),
  name: z.string().min(1).max(200),
  position: z.number(),
})

export const SavedRequestItemSchema = z.object({
  ...Versioned,
  kind: z.literal('request'),
  collectionId: z.string(),
  parentId: z.string().nullable(),
  name: z.string().min(1).max(200),
  position: z.number(),
  request: RequestSpecSchema,
})

export const CollectionItemSchema = z.discriminatedUnion('kind', [FolderSchema, SavedRequestItemSchema])

/** A collection with all its folders and requests, flat; `parentId` null means "at the top". */
export const CollectionTreeSchema = CollectionSchema.extend({ items: z.array(CollectionItemSchema) })

export type Inheritable = z.infer<typeof InheritableSchema>
export type Collection = z.infer<typeof CollectionSchema>
export type Folder = z.infer<typeof FolderSchema>
export type SavedRequestItem = z.infer<typeof SavedRequestItemSchema>
export type CollectionItem = z.infer<typeof CollectionItemSchema>
export type CollectionTree = z.infer<typeof CollectionTreeSchema>

export const NameSchema = z.string().trim().min(1, 'a name is required').max(200)

export const CreateCollectionSchema = z.object({ name: NameSchema })
export const UpdateCollectionSchema = InheritableSchema.partial().extend({
  version: z.number().int(),
  name: NameSchema.optional(),
})
export const CreateItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('folder'),
    collectionId: z.string(),
    parentId: z.string().nullable().default(null),
    name: NameSchema,
  }),
  z.object({
    kind: z.literal('request'),
    collectionId: z.string(),
    parentId: z.string().nullable().default(null),
    name: NameSchema,
    request: RequestSpecSchema,
  }),
])
export const UpdateItemSchema = InheritableSchema.partial().extend({
  version: z.number().int(),
  name: NameSchema.optional(),
  request: RequestSpecSchema.optional(),
})
export const MoveItemSchema = z.object({
  collectionId: z.string(),
  parentId: z.string().nullable(),
  /** Index among the new siblings. */
  index: z.number().int().min(0),
})

/** What a delete answers and an undo sends back: everything that was removed. */
export const RemovedSchema = z.object({
  collection: CollectionSchema.nullable(),
  items: z.array(CollectionItemSchema),
  /** The trash entry the delete wrote; an undo that names it takes it out of the trash. */
  trashId: z.string().optional(),
})
export type Removed = z.infer<typeof RemovedSchema>
export type UpdateItem = z.infer<typeof UpdateItemSchema>
export type UpdateCollection = z.infer<typeof UpdateCollectionSchema>
export type CreateItem = z.input<typeof CreateItemSchema>
export type MoveItem = z.infer<typeof MoveItemSchema>
