import type { GitChange } from '@courier/shared'
import {
  COLLECTIONS_DIR,
  COLLECTION_FILE,
  ContainerFileSchema,
  ENVIRONMENTS_DIR,
  EnvironmentFileSchema,
  FOLDER_FILE,
  RequestFileSchema,
  parseYamlText,
  upgradeFile,
} from '@courier/shared/workspace-files'
import type { z } from 'zod'

export type FileKind = GitChange['kind']

/** What a workspace file holds, by its path relative to the workspace folder. */
export function kindOfPath(path: string): FileKind {
  const parts = path.split('/')
  if (!path.endsWith('.yaml')) return 'other'
  if (parts[0] === ENVIRONMENTS_DIR) return parts.length === 2 ? 'environment' : 'other'
  if (parts[0] !== COLLECTIONS_DIR || parts.length < 3) return 'other'
  if (parts.length === 3 && parts[2] === COLLECTION_FILE) return 'collection'
  if (parts[parts.length - 1] === COLLECTION_FILE) return 'other'
  if (parts.length >= 4 && parts[parts.length - 1] === FOLDER_FILE) return 'folder'
  return 'request'
}

export type ContainerFile = z.infer<typeof ContainerFileSchema>
export type RequestFile = z.infer<typeof RequestFileSchema>
export type EnvironmentFile = z.infer<typeof EnvironmentFileSchema>

export type ParsedFile =
  | { ok: true; kind: 'collection' | 'folder'; data: ContainerFile }
  | { ok: true; kind: 'request'; data: RequestFile }
  | { ok: true; kind: 'environment'; data: EnvironmentFile }
  | { ok: false; message: string }

const SCHEMAS = {
  collection: ContainerFileSchema,
  folder: ContainerFileSchema,
  request: RequestFileSchema,
  environment: EnvironmentFileSchema,
} as const

/** A file's text read as the loader reads it (YAML → upgraded → the kind's schema), or why not. */
export function parseCourierFile(kind: FileKind, text: string): ParsedFile {
  if (kind === 'other') return { ok: false, message: 'Not a Courier file.' }
  const parsed = parseYamlText(text)
  if (!parsed.ok) return parsed
  const data = parsed.data
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { ok: false, message: 'The file is not a YAML mapping of fields.' }
  const upgraded = upgradeFile((data as Record<string, unknown>).courier, data as Record<string, unknown>)
  if (!upgraded.ok) return upgraded
  const checked = SCHEMAS[kind].safeParse(upgraded.data)
  if (!checked.success) return { ok: false, message: "The file does not fit Courier's model." }
  return { ok: true, kind, data: checked.data } as ParsedFile
}

/** The name and id a file holds, when it can be read. */
export function identityOf(kind: FileKind, text: string | undefined): { name: string; id: string } | null {
  if (text === undefined) return null
  const parsed = parseCourierFile(kind, text)
  return parsed.ok ? { name: parsed.data.name, id: parsed.data.id } : null
}
