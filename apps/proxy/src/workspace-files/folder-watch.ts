import { lstatSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs'
import { join, sep } from 'node:path'
import { COLLECTIONS_DIR, ENVIRONMENTS_DIR } from '@courier/shared/workspace-files'
import { findGitDirs } from './git-marker.js'

/** Files at the top of the git folder that a commit, a checkout, a fetch or a pull writes. */
const GIT_FILES = new Set(['HEAD', 'index', 'COMMIT_EDITMSG', 'ORIG_HEAD', 'FETCH_HEAD', 'packed-refs'])

type Sub = {
  name: string
  /** Where it is now (the git folder may be a parent's or a worktree's). */
  path: () => string | null
  recursive: boolean
  watcher: FSWatcher | TreeWatch | null
  ino: number | null
}

/** `root` and every folder under it (links not followed); none when `root` cannot be read. */
function foldersUnder(root: string): Set<string> {
  const folders = new Set<string>()
  const walk = (folder: string) => {
    let entries
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      return
    }
    folders.add(folder)
    for (const entry of entries) if (entry.isDirectory()) walk(join(folder, entry.name))
  }
  walk(root)
  return folders
}

/**
 * Every folder under `root` watched on its own, found again when one appears or goes. Not
 * `fs.watch(…, { recursive: true })`: on Linux, Node 20's recursive watch keeps watching a file's
 * old inode once Courier replaced it by a rename (its atomic write), and the next edit made to that
 * file in place (an editor, another program) is never reported. A folder's own watch sees it.
 * Links are not followed.
 */
class TreeWatch {
  private readonly watchers = new Map<string, FSWatcher>()
  /** The inode each watched folder had: a folder replaced under the same name is watched again. */
  private readonly inodes = new Map<string, number>()

  constructor(
    private readonly root: string,
    private readonly onChange: (name: string) => void,
  ) {
    this.scan()
  }

  /** Watches each folder there is now; closes the watches of those gone. */
  scan(): void {
    const folders = foldersUnder(this.root)
    for (const folder of [...this.watchers.keys()]) if (!folders.has(folder)) this.unwatch(folder)
    for (const folder of folders) this.watchFolder(folder)
  }

  /**
   * A name appeared or went in a watched folder: when it was a folder, its watches end; when it is
   * one now, it and what it holds are watched. One lstat per event, so a checkout writing 500 files
   * costs 500 lstats, not 500 walks of the tree.
   */
  private renamed(path: string): void {
    let folder: boolean
    try {
      folder = lstatSync(path).isDirectory()
    } catch {
      folder = false
    }
    if (!folder && !this.watchers.has(path)) return // a file: nothing to watch or stop watching
    // Watched again even when it was: a folder deleted and made again may get the same inode number,
    // and the old watch, of a folder that is gone, would never report a thing.
    for (const watched of [...this.watchers.keys()])
      if (watched === path || watched.startsWith(`${path}${sep}`)) this.unwatch(watched)
    if (folder) for (const inside of foldersUnder(path)) this.watchFolder(inside)
  }

  private watchFolder(folder: string): void {
    let ino: number
    try {
      ino = lstatSync(folder).ino
    } catch {
      return
    }
    if (this.watchers.has(folder) && this.inodes.get(folder) === ino) return
    this.unwatch(folder)
    try {
      const watcher = watch(folder, (event, name) => {
        if (event === 'rename' && name) this.renamed(join(folder, String(name)))
        this.onChange(String(name ?? ''))
      })
      watcher.on('error', () => {
        watcher.close()
        if (this.watchers.get(folder) === watcher) this.watchers.delete(folder)
      })
      this.watchers.set(folder, watcher)
      this.inodes.set(folder, ino)
    } catch {
      // Gone between the listing and the watch: the next scan no longer lists it.
    }
  }

  private unwatch(folder: string): void {
    this.watchers.get(folder)?.close()
    this.watchers.delete(folder)
    this.inodes.delete(folder)
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close()
    this.watchers.clear()
    this.inodes.clear()
  }
}

/**
 * Watches collections/ (all depths), environments/ and the top of the git folder (HEAD, index…: a commit, a
 * branch switch; the folder's .git, a parent repository's, or a worktree's),
 * and the folder itself so those three are watched again when they appear or are replaced. Nothing
 * else in the folder is watched. Courier's own temp files are not reported.
 */
export class FolderWatch {
  private readonly top: FSWatcher
  private readonly subs: Sub[] = [
    { name: COLLECTIONS_DIR, path: () => join(this.dir, COLLECTIONS_DIR), recursive: true, watcher: null, ino: null },
    {
      name: ENVIRONMENTS_DIR,
      path: () => join(this.dir, ENVIRONMENTS_DIR),
      recursive: false,
      watcher: null,
      ino: null,
    },
    { name: '.git', path: () => findGitDirs(this.dir)?.gitDir ?? null, recursive: false, watcher: null, ino: null },
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
      const path = sub.path()
      try {
        const stat = path === null ? null : statSync(path)
        if (stat?.isDirectory()) ino = stat.ino
      } catch {
        ino = null
      }
      if (sub.watcher && sub.ino === ino) {
        if (sub.watcher instanceof TreeWatch) sub.watcher.scan()
        continue
      }
      sub.watcher?.close()
      sub.watcher = null
      sub.ino = ino
      if (ino === null || path === null) continue
      if (sub.recursive) {
        sub.watcher = new TreeWatch(path, (name) => this.changed(sub, name))
        continue
      }
      try {
        const watcher = watch(path, (_event, name) => this.changed(sub, String(name ?? '')))
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
