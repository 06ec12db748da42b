import { unzipSync } from 'fflate'
import { IMPORT_FILE_LIMITS, normaliseImportPath, type ImportFile, type SkippedFile } from './import-files.js'
import { ConvertError } from './import-result.js'

export const ZIP_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxEntries: IMPORT_FILE_LIMITS.maxFiles,
  /** Uncompressed bytes across every entry. */
  maxUnpacked: IMPORT_FILE_LIMITS.maxTotalLength,
  /** Uncompressed size of an entry over its compressed size above which it is a zip bomb. */
  maxRatio: 200,
} as const

/**
 * A .zip upload → its text files. Entry count, sizes and the compression ratio are checked on
 * the central directory before anything is inflated, and each entry inflates into a buffer of
 * its declared size (a lying header cannot make it grow). Paths are normalised and `..`
 * refused; folders, macOS resource forks and files that are not UTF-8 text are left out and
 * listed.
 */
export function unzipImportFiles(bytes: Uint8Array): { files: ImportFile[]; skipped: SkippedFile[] } {
  if (bytes.length > ZIP_LIMITS.maxBytes)
    throw new ConvertError('IMPORT_TOO_LARGE', `The zip is larger than ${ZIP_LIMITS.maxBytes / 1024 / 1024} MB.`)
  const skipped: SkippedFile[] = []
  let entries = 0
  let unpacked = 0
  let refusal: ConvertError | null = null
  let inflated: Record<string, Uint8Array>
  try {
    inflated = unzipSync(bytes, {
      filter: (file) => {
        if (refusal) return false
        if (file.name.endsWith('/')) return false
        if (/(^|\/)__MACOSX\//.test(file.name) || /(^|\/)\.DS_Store$/.test(file.name)) return false
        entries += 1
        unpacked += file.originalSize
        if (entries > ZIP_LIMITS.maxEntries)
          refusal = new ConvertError('IMPORT_TOO_LARGE', `The zip holds more than ${ZIP_LIMITS.maxEntries} files.`)
        else if (unpacked > ZIP_LIMITS.maxUnpacked)
          refusal = new ConvertError(
            'IMPORT_TOO_LARGE',
            `The zip unpacks to more than ${ZIP_LIMITS.maxUnpacked / 1024 / 1024} MB.`,
          )
        else if (file.originalSize > 1024 * 1024 && file.originalSize / Math.max(file.size, 1) > ZIP_LIMITS.maxRatio)
          refusal = new ConvertError(
            'IMPORT_INVALID',
            `“${file.name.slice(0, 200)}” unpacks to ${Math.round(file.originalSize / Math.max(file.size, 1))} times its packed size; a zip bomb is refused.`,
          )
        else normaliseImportPath(file.name)
        return refusal === null
      },
    })
  } catch (error) {
    if (error instanceof ConvertError) throw error
    throw new ConvertError('IMPORT_INVALID', `The file is not a readable zip: ${(error as Error).message}.`)
  }
  if (refusal) throw refusal
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const files: ImportFile[] = []
  for (const [name, data] of Object.entries(inflated)) {
    try {
      files.push({ path: normaliseImportPath(name), text: decoder.decode(data).replace(/^\uFEFF/, '') })
    } catch (error) {
      if (error instanceof ConvertError) throw error
      skipped.push({ path: name, reason: 'It is not UTF-8 text (a binary file), so no importer reads it.' })
    }
  }
  return { files, skipped }
}
