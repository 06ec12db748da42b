import { importBrunoFiles, isBrunoFiles } from './bruno/import-bruno.js'
import { ImportBuilder } from './import-builder.js'
import { ConvertError, type ImportResult } from './import-result.js'
import { importText } from './import-text.js'
import { importOpenApi, isOpenApi, openApiLabel } from './openapi/import-openapi.js'
import { parseSpecText } from './openapi/parse-spec-text.js'
import { shownLocation, type RefLoader } from './openapi/resolve-refs.js'
import { reportUnknownVariables } from './unknown-variables.js'

/** One file of a folder or zip upload: its path inside the upload (`/`-separated, relative) and its text. */
export interface ImportFile {
  path: string
  text: string
}

/** A file of the upload that was left out before any format was tried, and why. */
export type SkippedFile = { path: string; reason: string }

export const IMPORT_FILE_LIMITS = {
  maxFiles: 5000,
  /** Characters across every file of one upload. */
  maxTotalLength: 40 * 1024 * 1024,
} as const

/**
 * A path from an upload made safe to use as a key: backslashes to `/`, `.` segments dropped;
 * an absolute path, a drive letter or a `..` segment is refused (a zip entry must not name a
 * place outside the upload, even though nothing is ever written to disk).
 */
export function normaliseImportPath(raw: string): string {
  const path = raw.replace(/\\/g, '/')
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path))
    throw new ConvertError(
      'IMPORT_INVALID',
      `“${raw.slice(0, 200)}” is an absolute path; an upload holds only relative paths.`,
    )
  const parts = path.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.includes('..'))
    throw new ConvertError(
      'IMPORT_INVALID',
      `“${raw.slice(0, 200)}” climbs out of the upload with “..”, which is refused.`,
    )
  // eslint-disable-next-line no-control-regex
  if (parts.length === 0 || parts.some((p) => /[\u0000-\u001f]/.test(p)))
    throw new ConvertError('IMPORT_INVALID', `“${raw.slice(0, 200)}” is not a usable file path.`)
  return parts.join('/')
}

/** A top-level `openapi:`/`swagger:` line (YAML), or the key anywhere in JSON (Stripe's comes last). */
const OPENAPI_YAML = /^["']?(openapi|swagger)["']?\s*:/m
const OPENAPI_JSON = /"(openapi|swagger)"\s*:\s*"/

/**
 * The OpenAPI/Swagger documents of an upload that no other candidate references: the specs to
 * import. A file counts as a candidate when it has a top-level `openapi:`/`swagger:` key and
 * `paths` or `webhooks` (split-out path files have neither).
 */
export function findRootSpecs(files: ImportFile[]): { file: ImportFile; doc: Record<string, unknown> }[] {
  const candidates: { file: ImportFile; doc: Record<string, unknown> }[] = []
  for (const file of files) {
    const json = /^\s*\{/.test(file.text.slice(0, 100))
    if (json ? !OPENAPI_JSON.test(file.text) : !OPENAPI_YAML.test(file.text)) continue
    try {
      const doc = parseSpecText(file.text)
      if (isOpenApi(doc)) candidates.push({ file, doc: doc as Record<string, unknown> })
    } catch {
      /* not a spec; reported if nothing is found */
    }
  }
  if (candidates.length < 2) return candidates
  const referenced = new Set<string>()
  for (const { file } of candidates)
    for (const match of file.text.matchAll(/\$ref["']?\s*:\s*["']?([^"'#\s]+)/g)) {
      try {
        referenced.add(new URL(match[1]!, uploadLocation(file.path)).href)
      } catch {
        /* not a path */
      }
    }
  const roots = candidates.filter(({ file }) => !referenced.has(uploadLocation(file.path)))
  return roots.length ? roots : candidates
}

export function uploadLocation(path: string): string {
  return `upload:///${path.split('/').map(encodeURIComponent).join('/')}`
}

/**
 * A folder or zip upload → an ImportResult. Picks the format from the files: OpenAPI when a root
 * spec is found (its `$ref`s resolve only among the uploaded files, never from the server's
 * disk or the network); else a Bruno collection (`bruno.json` or `.bru` files); one lone file
 * goes through `importText`.
 */
export async function importFiles(
  input: ImportFile[],
  options: { skipped?: SkippedFile[] } = {},
): Promise<ImportResult> {
  if (input.length === 0) throw new ConvertError('IMPORT_INVALID', 'The upload holds no files.')
  if (input.length > IMPORT_FILE_LIMITS.maxFiles)
    throw new ConvertError('IMPORT_TOO_LARGE', `The upload holds more than ${IMPORT_FILE_LIMITS.maxFiles} files.`)
  const total = input.reduce((n, f) => n + f.text.length, 0)
  if (total > IMPORT_FILE_LIMITS.maxTotalLength)
    throw new ConvertError(
      'IMPORT_TOO_LARGE',
      `The upload is larger than ${IMPORT_FILE_LIMITS.maxTotalLength / 1024 / 1024} MB in all.`,
    )
  const files = input.map((f) => ({ path: normaliseImportPath(f.path), text: f.text }))
  const byLocation = new Map(files.map((f) => [uploadLocation(f.path), f]))

  const roots = findRootSpecs(files)
  if (roots.length) {
    const first = roots[0]!.doc
    const builder = new ImportBuilder(first.swagger !== undefined ? 'swagger' : 'openapi', openApiLabel(first))
    for (const s of options.skipped ?? []) builder.skip(s.path, 'file', s.reason)
    const load: RefLoader = async (location) => {
      if (!location.startsWith('upload:///'))
        throw new Error(
          location.startsWith('file:')
            ? 'It names a file on a disk; an uploaded spec may only reference files uploaded with it'
            : `It points to ${location.slice(0, 200)}; an uploaded spec may only reference files uploaded with it (import it by URL to follow web references)`,
        )
      const file = byLocation.get(location)
      if (!file) throw new Error(`${shownLocation(location)} is not in the upload`)
      return file.text
    }
    for (const { file, doc } of roots) {
      if (roots.length > 1 && doc !== first && (doc.swagger !== undefined) !== (first.swagger !== undefined))
        builder.skip(file.path, 'format', `${openApiLabel(doc)} imported together with ${openApiLabel(first)}.`)
      await importOpenApi(doc, builder, { location: uploadLocation(file.path), load })
    }
    reportUnknownVariables(builder)
    return builder.result()
  }
  if (isBrunoFiles(files)) {
    const builder = new ImportBuilder('bruno', 'Bruno collection')
    for (const s of options.skipped ?? []) builder.skip(s.path, 'file', s.reason)
    importBrunoFiles(files, builder)
    reportUnknownVariables(builder)
    return builder.result()
  }
  if (files.length === 1) return importText(files[0]!.text, { name: files[0]!.path })
  throw new ConvertError(
    'IMPORT_FORMAT_UNKNOWN',
    `None of the ${files.length} files is a recognised format: no OpenAPI or Swagger document (a file with “openapi:” or “swagger:” and paths) and no Bruno collection (bruno.json or .bru files) was found.`,
  )
}
