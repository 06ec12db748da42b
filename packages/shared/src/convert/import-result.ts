import { z } from 'zod'
import { CollectionTreeSchema } from '../collection.js'
import { VariablesSchema } from '../variables.js'

export const IMPORT_FORMATS = [
  'postman-collection',
  'postman-environment',
  'openapi',
  'swagger',
  'har',
  'curl',
  'insomnia',
  'bruno',
  'hoppscotch',
  'hoppscotch-environment',
  'courier-workspace',
  'graphql-schema',
] as const
export const ImportFormatSchema = z.enum(IMPORT_FORMATS)
export type ImportFormat = z.infer<typeof ImportFormatSchema>

/** Something in the source that Courier did not (fully) translate, and why. Nothing is dropped silently. */
export const SkippedItemSchema = z.object({
  /** Where it was, as a path of names: `Shop API › Users › Create user`. */
  where: z.string(),
  /** What it was: "pre-request script", "auth type awsv4", "variable {{region}}"… */
  what: z.string(),
  reason: z.string(),
})
export type SkippedItem = z.infer<typeof SkippedItemSchema>

export const ImportCountsSchema = z.object({
  collections: z.number().int().nonnegative(),
  folders: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  environments: z.number().int().nonnegative(),
  variables: z.number().int().nonnegative(),
})
export type ImportCounts = z.infer<typeof ImportCountsSchema>

export const ImportReportSchema = z.object({
  format: ImportFormatSchema,
  /** The format as a person names it, with its version: "Postman collection v2.1". */
  formatLabel: z.string(),
  counts: ImportCountsSchema,
  skipped: z.array(SkippedItemSchema),
})
export type ImportReport = z.infer<typeof ImportReportSchema>

export const ImportedEnvironmentSchema = z.object({
  name: z.string().min(1).max(200),
  variables: VariablesSchema,
  /** The globals of a Courier workspace export: merged into this workspace's globals, not a new environment. */
  globals: z.boolean().default(false),
})
export type ImportedEnvironment = z.infer<typeof ImportedEnvironmentSchema>

/**
 * What an import produces before anything is stored: collection trees (ids are local to the
 * result; the server gives fresh ones when committing), environments and the report.
 */
export const ImportResultSchema = z.object({
  collections: z.array(CollectionTreeSchema).max(100),
  environments: z.array(ImportedEnvironmentSchema).max(100),
  report: ImportReportSchema,
})
export type ImportResult = z.infer<typeof ImportResultSchema>

/** Caps on what one import may create (docs/security.md#storage): beyond them the import is refused. */
export const IMPORT_LIMITS = {
  /** Characters of source text. */
  maxTextLength: 20 * 1024 * 1024,
  /** Folders and requests across every collection of one import. */
  maxItems: 10_000,
  maxDepth: 32,
  maxEnvironments: 100,
} as const

export type ConvertErrorCode = 'IMPORT_INVALID' | 'IMPORT_TOO_LARGE' | 'IMPORT_FORMAT_UNKNOWN'

/** A source that cannot be imported at all; the message says why in a sentence. */
export class ConvertError extends Error {
  constructor(
    readonly code: ConvertErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ConvertError'
  }
}
