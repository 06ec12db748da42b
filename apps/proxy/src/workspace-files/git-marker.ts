import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

const read = (path: string) => readFile(path).catch(() => Buffer.alloc(0))

/** Where git keeps a folder's repository: its own `.git`, a parent's, or a worktree's (`.git` a file). */
export type GitDirs = {
  /** HEAD, index, index.lock: the repository's, or the worktree's own folder under .git/worktrees/. */
  gitDir: string
  /** refs/ and packed-refs: the same as gitDir, except in a worktree. */
  commonDir: string
}

/**
 * The git folder of `dir` as git finds it: `.git` in `dir` or the nearest parent (a workspace folder
 * inside a larger repository), a `.git` file's `gitdir:` (a worktree, a submodule); null outside one.
 */
export function findGitDirs(dir: string): GitDirs | null {
  let device: number | null = null
  for (let at = resolve(dir); ; at = dirname(at)) {
    // As git does (without GIT_DISCOVERY_ACROSS_FILESYSTEM), the search stops at a filesystem's edge.
    try {
      const here = statSync(at).dev
      if (device !== null && here !== device) return null
      device = here
    } catch {
      return null
    }
    const dotGit = join(at, '.git')
    let gitDir: string | null = null
    try {
      const stat = statSync(dotGit)
      if (stat.isDirectory()) gitDir = dotGit
      else if (stat.isFile()) {
        const named = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim()
        if (named) gitDir = resolve(at, named)
      }
    } catch {
      gitDir = null
    }
    if (gitDir) {
      let commonDir = gitDir
      try {
        commonDir = resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim())
      } catch {
        // Not a worktree: refs are in the git folder itself.
      }
      return { gitDir, commonDir }
    }
    if (dirname(at) === at) return null
  }
}

/**
 * What HEAD, the commit it names and the index hold, as one hash: a status read that rewrites
 * the index with the same content does not count as a change (so a page refetching the status on the
 * 'files' event does not make another one).
 */
export async function gitMarker(dir: string): Promise<string> {
  const dirs = findGitDirs(dir)
  const hash = createHash('sha256')
  if (!dirs) return hash.digest('hex')
  const head = await read(join(dirs.gitDir, 'HEAD'))
  const ref = /^ref: (refs\/[^\s]+)\s*$/.exec(head.toString('utf8'))?.[1]
  hash.update(head).update('\0')
  if (ref && !ref.split('/').includes('..')) hash.update(await read(join(dirs.commonDir, ref)))
  return hash
    .update('\0')
    .update(await read(join(dirs.gitDir, 'index')))
    .digest('hex')
}

/** A git command is writing the folder: index.lock exists and is recent (one a crashed git left is ignored). */
export function gitBusy(dir: string): boolean {
  const dirs = findGitDirs(dir)
  if (!dirs) return false
  try {
    return Date.now() - statSync(join(dirs.gitDir, 'index.lock')).mtimeMs < 10_000
  } catch {
    return false
  }
}
