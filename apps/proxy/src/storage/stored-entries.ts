import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ID_PATTERN } from '../ids.js'
import { PARTIAL_SUFFIX } from '../secrets/sealed-writer.js'

/** A file in a store's folder, as the start-up sweep sees it. */
export type StoredEntry = { name: string; path: string; id: string | null; partial: boolean; mtimeMs: number }

/** Lists a store folder: ids, files being written (`.partial`), and anything else (id null). */
export async function storedEntries(dir: string): Promise<StoredEntry[]> {
  const names = await readdir(dir)
  const entries: StoredEntry[] = []
  for (const name of names) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => undefined)
    if (!info?.isFile()) continue
    entries.push({
      name,
      path,
      id: ID_PATTERN.test(name) ? name : null,
      partial: name.endsWith(PARTIAL_SUFFIX),
      mtimeMs: info.mtimeMs,
    })
  }
  return entries
}
