import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { EnvPrints } from './env-merge.js'
import type { ItemPrints } from './item-merge.js'

/** What files and database last agreed on, per collection and environment id (a fingerprint of its files). */
export type SyncBase = {
  /** The folder the base is of: another folder starts from no base. */
  dir: string
  syncedAt: string | null
  /** `items`: per-item prints for a merge when both sides changed (absent in a base of older code). */
  collections: Record<string, { fingerprint: string; dir: string; items?: ItemPrints }>
  /** `variables`: per-variable prints for a merge when both sides changed (absent in a base of older code). */
  environments: Record<string, { fingerprint: string; path: string; variables?: EnvPrints }>
}

export const emptyBase = (dir: string): SyncBase => ({ dir, syncedAt: null, collections: {}, environments: {} })

/** The base kept in `file`, or an empty one when there is none, it is unreadable or of another folder. */
export async function readBase(file: string, dir: string): Promise<SyncBase> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<SyncBase>
    if (data.dir !== dir || typeof data.collections !== 'object' || typeof data.environments !== 'object')
      return emptyBase(dir)
    return {
      dir,
      syncedAt: typeof data.syncedAt === 'string' ? data.syncedAt : null,
      collections: data.collections ?? {},
      environments: data.environments ?? {},
    }
  } catch {
    return emptyBase(dir)
  }
}

/** Written whole (temp file and rename), readable by its owner only. */
export async function writeBase(file: string, base: SyncBase): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temp, JSON.stringify(base), { encoding: 'utf8', mode: 0o600 })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
