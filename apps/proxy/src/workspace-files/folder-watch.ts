import { statSync, watch, type FSWatcher } from 'node:fs'
import { join } from 'node:path'
import { COLLECTIONS_DIR, ENVIRONMENTS_DIR } from '@courier/shared/workspace-files'

/** Files at the top of .git/ that a commit, a checkout, a fetch or a pull writes. */
const GIT_FILES = new Set(['HEAD', 'index', 'COMMIT_EDITMSG', 'ORIG_HEAD', 'FETCH_HEAD', 'packed-refs'])

type Sub = { name: string; recursive: boolean; watcher: FSWatcher | null; ino: number | null }

/**
 * Watches collections/ (all depths), environments/ and the top of .git/ (HEAD, index…: a commit, a branch switch),
 * and the folder itself so those three are watched again when they appear or are replaced. Nothing
 * else in the folder is watched. Courier's own temp files are not reported.
 */
export class FolderWatch {
  private readonly top: FSWatcher
  private readonly subs: Sub[] = [
    { name: COLLECTIONS_DIR, recursive: true, watcher: null, ino: null },
    { name: ENVIRONMENTS_DIR, recursive: false, watcher: null, ino: null },
    { name: '.git', recursive: false, watcher: null, ino: null },
  ]
  private closed = false

  constructor(
    private readonly dir: string,
    private readonly onFiles: () => void,
    private readonly onGit: () => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.top = watch(dir, (_event, name) => {
      const which = String(name ?? '')
      if (which === COLLECTIONS_DIR || which === ENVIRONMENTS_DIR || which === '.git' || which === '') {
        this.ensure()
        if (which === '.git') this.onGit()
        else this.onFiles()
      }
    })
    this.top.on('error', (error) => this.onError(error))
    this.ensure()
  }

  /** (Re)opens the watcher of each sub-folder that exists, closes those of the ones that went. */
  ensure(): void {
    if (this.closed) return
    for (const sub of this.subs) {
      let ino: number | null = null
      try {
        const stat = statSync(join(this.dir, sub.name))
        if (stat.isDirectory()) ino = stat.ino
      } catch {
        ino = null
      }
      if (sub.watcher && sub.ino === ino) continue
      sub.watcher?.close()
      sub.watcher = null
      sub.ino = ino
      if (ino === null) continue
      try {
        const watcher = watch(join(this.dir, sub.name), { recursive: sub.recursive }, (_event, name) =>
          this.changed(sub, String(name ?? '')),
        )
        watcher.on('error', () => {
          watcher.close()
          if (sub.watcher === watcher) sub.watcher = null
        })
        sub.watcher = watcher
      } catch (error) {
        this.onError(error)
      }
    }
  }

  private changed(sub: Sub, name: string): void {
    if (sub.name === '.git') {
      if (GIT_FILES.has(name)) this.onGit()
      return
    }
    if (name.split(/[\\/]/).pop()?.startsWith('.courier-tmp-')) return
    this.onFiles()
  }

  close(): void {
    this.closed = true
    this.top.close()
    for (const sub of this.subs) sub.watcher?.close()
  }
}
