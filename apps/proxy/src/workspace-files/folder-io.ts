import { randomBytes } from 'node:crypto'
import { lstat, mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { COLLECTIONS_DIR, ENVIRONMENTS_DIR, type WorkspaceFile } from '@courier/shared/workspace-files'

/** A path Courier may write or delete: `/`-separated, under collections/ or environments/, a `.yaml`, no `..`. */
export function isCourierPath(path: string): boolean {
  const parts = path.split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) return false
  if (!path.endsWith('.yaml')) return false
  if (parts[0] === COLLECTIONS_DIR) return parts.length >= 3
  return parts[0] === ENVIRONMENTS_DIR && parts.length === 2
}

/** The sentence said while the workspace folder itself is missing: nothing is synced until it is back. */
export const folderGoneMessage = (dir: string) =>
  `The workspace folder ${dir} is gone (moved or unmounted?); Courier changes nothing until it is back: put it back, or keep the workspace in another folder.`

/** Reading a workspace folder that does not exist (moved, unmounted): the sync fails, nothing is deleted. */
export class FolderGoneError extends Error {
  constructor(readonly dir: string) {
    super(folderGoneMessage(dir))
  }
}

/** How collections/ and environments/ stand: a missing one is not "everything deleted", a linked one is not read. */
export type TopFolders = Record<typeof COLLECTIONS_DIR | typeof ENVIRONMENTS_DIR, 'folder' | 'missing' | 'link'>

async function topFolder(dir: string, name: string): Promise<'folder' | 'missing' | 'link'> {
  const stat = await lstat(join(dir, name)).catch(() => null)
  if (!stat) return 'missing'
  return stat.isDirectory() ? 'folder' : 'link'
}

/** How collections/ and environments/ of `dir` stand; throws FolderGoneError when `dir` itself does not exist. */
export async function topFolders(dir: string): Promise<TopFolders> {
  if (!(await lstat(dir).catch(() => null))) throw new FolderGoneError(dir)
  return {
    [COLLECTIONS_DIR]: await topFolder(dir, COLLECTIONS_DIR),
    [ENVIRONMENTS_DIR]: await topFolder(dir, ENVIRONMENTS_DIR),
  } as TopFolders
}

/**
 * The `.yaml` files under collections/ (any depth) and environments/ (top level); symbolic links are not
 * followed (a collections/ or environments/ that is a link, or not a folder, is not read). Throws
 * FolderGoneError when `dir` itself does not exist.
 */
export async function readWorkspaceFolder(dir: string): Promise<WorkspaceFile[]> {
  const top = await topFolders(dir)
  const out: WorkspaceFile[] = []
  const walk = async (rel: string, deep: boolean) => {
    let entries
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true })
    } catch {
      return // removed while being read (a branch switch): the next event reads it again
    }
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`
      if (entry.isDirectory()) {
        if (deep) await walk(path, deep)
      } else if (entry.isFile() && entry.name.endsWith('.yaml')) {
        try {
          out.push({ path, text: await readFile(join(dir, path), 'utf8') })
        } catch {
          // removed between the listing and the read
        }
      }
    }
  }
  if (top[COLLECTIONS_DIR] === 'folder') await walk(COLLECTIONS_DIR, true)
  if (top[ENVIRONMENTS_DIR] === 'folder') await walk(ENVIRONMENTS_DIR, false)
  // Checked again after the walk: a folder moved away while it was read reads as gone, not as empty.
  if (!(await lstat(dir).catch(() => null))) throw new FolderGoneError(dir)
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function checked(path: string): string {
  if (!isCourierPath(path)) throw new Error(`Courier does not write outside collections/ and environments/: ${path}`)
  return path
}

/** Refuses a path through a symbolic link (a folder linked elsewhere would take the write outside the workspace). */
async function throughNoLink(dir: string, path: string): Promise<void> {
  const parts = path.split('/')
  for (let n = 1; n < parts.length; n++) {
    const stat = await lstat(join(dir, ...parts.slice(0, n))).catch(() => null)
    if (!stat) return
    if (stat.isSymbolicLink() || !stat.isDirectory())
      throw new Error(
        `Courier does not write through ${parts.slice(0, n).join('/')}: it is not a folder of the workspace.`,
      )
  }
}

/** Writes through a temp file in the same folder and a rename, so an editor or git never reads half a file. */
export async function writeAtomically(dir: string, path: string, text: string): Promise<void> {
  const target = join(dir, checked(path))
  await throughNoLink(dir, path)
  await mkdir(dirname(target), { recursive: true })
  const temp = join(dirname(target), `.courier-tmp-${randomBytes(6).toString('hex')}`)
  try {
    await writeFile(temp, text, 'utf8')
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** Deletes one of Courier's files, then every folder it leaves empty up to collections/ or environments/. */
export async function removeFile(dir: string, path: string): Promise<void> {
  await throughNoLink(dir, checked(path))
  await rm(join(dir, path), { force: true })
  let parent = path.slice(0, path.lastIndexOf('/'))
  while (parent.includes('/')) {
    const full = join(dir, parent)
    try {
      const stat = await lstat(full)
      if (!stat.isDirectory() || (await readdir(full)).length > 0) return
      await rmdir(full)
    } catch {
      return
    }
    parent = parent.slice(0, parent.lastIndexOf('/'))
  }
}
