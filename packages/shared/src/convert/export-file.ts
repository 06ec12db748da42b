import { z } from 'zod'

/** What every export answers: a file to save, and what did not translate into it. */
export const ExportFileSchema = z.object({
  filename: z.string(),
  mediaType: z.string(),
  text: z.string(),
  /** `base64` when the file is binary (a zip): `text` then holds its bytes as Base64. */
  encoding: z.enum(['utf8', 'base64']).optional(),
  notes: z.array(z.string()),
})
export type ExportFile = z.infer<typeof ExportFileSchema>

/** A file name made from a collection or request name: letters, digits, dots, dashes only. */
export function safeFileName(name: string, extension: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
  return `${base || 'courier-export'}.${extension}`
}
