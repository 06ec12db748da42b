import type { ImportSource } from '@courier/shared'

/** What the server accepts in one upload (it checks again): files, characters, zip bytes. */
export const UPLOAD_LIMITS = { maxFiles: 5000, maxTotalBytes: 40 * 1024 * 1024, maxZipBytes: 20 * 1024 * 1024 }

/** Text files a spec folder is made of; images and other binaries are not sent. */
const TEXT_FILE = /\.(ya?ml|json|md|markdown|txt)$/i

export type ReadUpload = { source: ImportSource; label: string; left: string[] } | { error: string }

/**
 * A folder chosen with `<input webkitdirectory>`: every text file with its path relative to
 * the chosen folder's parent (the browser's `webkitRelativePath`). The server resolves the
 * spec's `$ref`s among these files only.
 */
export async function readFolder(list: FileList | File[]): Promise<ReadUpload> {
  const all = [...list]
  if (all.length === 0) return { error: 'The folder is empty.' }
  const chosen = all.filter((f) => TEXT_FILE.test(f.name))
  const left = all.filter((f) => !TEXT_FILE.test(f.name)).map((f) => f.webkitRelativePath || f.name)
  if (chosen.length > UPLOAD_LIMITS.maxFiles)
    return { error: `The folder holds ${chosen.length} text files; Courier imports up to ${UPLOAD_LIMITS.maxFiles}.` }
  const bytes = chosen.reduce((n, f) => n + f.size, 0)
  if (bytes > UPLOAD_LIMITS.maxTotalBytes)
    return {
      error: `The folder's text files add up to ${(bytes / 1024 / 1024).toFixed(1)} MB; Courier imports up to 40 MB.`,
    }
  if (chosen.length === 0) return { error: 'The folder holds no YAML, JSON or Markdown files.' }
  const files = await Promise.all(
    chosen.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })),
  )
  const root = files[0]!.path.split('/')[0] ?? 'folder'
  return {
    source: { kind: 'files', files, name: root },
    label: `${root}/ · ${files.length} file${files.length === 1 ? '' : 's'} · ${(bytes / 1024).toFixed(1)} KB`,
    left,
  }
}

/** A .zip, sent as base64; the server unpacks it with its caps (entries, sizes, ratio, `..`). */
export async function readZip(file: File): Promise<ReadUpload> {
  if (file.size > UPLOAD_LIMITS.maxZipBytes)
    return { error: `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; Courier imports zips up to 20 MB.` }
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return {
    source: { kind: 'zip', base64: btoa(binary), name: file.name },
    label: `${file.name} · ${(file.size / 1024).toFixed(1)} KB`,
    left: [],
  }
}
