import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

const read = (path: string) => readFile(path).catch(() => Buffer.alloc(0))

/**
 * What .git/HEAD, the commit it names and .git/index hold, as one hash: a status read that rewrites
 * the index with the same content does not count as a change (so a page refetching the status on the
 * 'files' event does not make another one).
 */
export async function gitMarker(dir: string): Promise<string> {
  const git = join(dir, '.git')
  const head = await read(join(git, 'HEAD'))
  const ref = /^ref: (refs\/[^\s]+)\s*$/.exec(head.toString('utf8'))?.[1]
  const hash = createHash('sha256').update(head).update('\0')
  if (ref && !ref.split('/').includes('..')) hash.update(await read(join(git, ref)))
  return hash
    .update('\0')
    .update(await read(join(git, 'index')))
    .digest('hex')
}

/** A git command is writing the folder: .git/index.lock exists and is recent (one a crashed git left is ignored). */
export function gitBusy(dir: string): boolean {
  try {
    return Date.now() - statSync(join(dir, '.git', 'index.lock')).mtimeMs < 10_000
  } catch {
    return false
  }
}
