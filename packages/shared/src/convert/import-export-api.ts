import { z } from 'zod'
import { CollectionTreeSchema } from '../collection.js'
import { EnvironmentSchema } from '../environment.js'
import { HistoryQuerySchema } from '../history.js'
import { RequestSpecSchema } from '../request-spec.js'
import { CodeTargetIdSchema } from './codegen/code-targets.js'
import { ImportResultSchema } from './import-result.js'

// The wire shapes of the import/export/code endpoints. Zod only: the web app imports this file
// (through endpoints.ts) without pulling in the converters' libraries.

export const ImportSourceSchema = z.discriminatedUnion('kind', [
  /** Pasted text or an uploaded file's text (JSON has no place for bytes; specs are text). */
  z.object({ kind: z.literal('text'), text: z.string(), name: z.string().max(300).optional() }),
  /** Fetched by the server through the send engine (same destination rules as a send). */
  z.object({ kind: z.literal('url'), url: z.string().min(1).max(8192) }),
  /** A folder upload (`webkitdirectory`): every file's relative path and text; refs resolve only among them. */
  z.object({
    kind: z.literal('files'),
    files: z
      .array(z.object({ path: z.string().min(1).max(1024), text: z.string() }))
      .min(1)
      .max(5000),
    name: z.string().max(300).optional(),
  }),
  /** A .zip upload, base64: unpacked by the server with caps on entries, sizes and ratio. */
  z.object({
    kind: z.literal('zip'),
    base64: z.string().max(28 * 1024 * 1024),
    name: z.string().max(300).optional(),
  }),
])
export type ImportSource = z.infer<typeof ImportSourceSchema>

export const ImportPreviewInputSchema = z.object({ source: ImportSourceSchema })
export const ImportCommitInputSchema = z.object({ result: ImportResultSchema })
export const ImportCommittedSchema = z.object({
  collections: z.array(CollectionTreeSchema),
  environments: z.array(EnvironmentSchema),
})
export type ImportCommitted = z.infer<typeof ImportCommittedSchema>

export const CollectionExportInputSchema = z.object({
  collectionId: z.string().min(1),
  /** Export just this folder (and what it inherits). */
  folderId: z.string().min(1).optional(),
  format: z.enum(['postman', 'openapi', 'bruno', 'insomnia-v5']),
  includeSecrets: z.boolean().default(false),
})
export const WorkspaceExportInputSchema = z.object({ includeSecrets: z.boolean().default(false) })
export const HistoryExportInputSchema = z.object({
  format: z.enum(['har', 'json', 'csv']),
  /** The history list's filters; the export takes every matching entry up to `max`. */
  query: HistoryQuerySchema.omit({ limit: true, before: true }).default({}),
  /** Or exactly these entries. */
  ids: z.array(z.string()).max(5000).optional(),
  max: z.number().int().min(1).max(10_000).default(5000),
})
export type HistoryExportInput = z.input<typeof HistoryExportInputSchema>

export const CodegenInputSchema = z.object({
  request: RequestSpecSchema,
  target: CodeTargetIdSchema,
  environmentId: z.string().optional(),
  itemId: z.string().optional(),
  /** Put values in place of {{variables}}; otherwise they stay as placeholders. */
  resolveVariables: z.boolean().default(true),
  /** Show secret values (secret variables, passwords, tokens) instead of ••••••. */
  revealSecrets: z.boolean().default(false),
})
export type CodegenInput = z.input<typeof CodegenInputSchema>
export const GeneratedCodeSchema = z.object({
  target: CodeTargetIdSchema,
  language: z.string(),
  code: z.string(),
  notes: z.array(z.string()),
})
export type GeneratedCodeAnswer = z.infer<typeof GeneratedCodeSchema>

/** Parses a pasted cURL command into a request (the URL field's paste). */
export const CurlParseInputSchema = z.object({
  command: z
    .string()
    .min(1)
    .max(1024 * 1024),
})
export const CurlParsedSchema = z.object({
  request: RequestSpecSchema,
  problems: z.array(z.object({ what: z.string(), reason: z.string() })),
})
export type CurlParsed = z.infer<typeof CurlParsedSchema>

/** True when a text looks like a cURL command (what the URL field checks on paste). */
export function looksLikeCurl(text: string): boolean {
  // Leading `# comments` and `echo … | curl` (a body on standard input) count as the command.
  return /^\s*(?:#[^\n]*\n\s*)*(?:echo\s[^\n|]*\|\s*)?curl(\.exe)?\s/i.test(text)
}
