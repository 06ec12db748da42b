import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { access, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { FILES_ACTOR, type WorkspaceFilesStatus } from '@courier/shared'
import { CourierError } from '../errors.js'
import type { ChangeBus } from '../ports/change-bus.js'
import type { Store } from '../storage/store.js'
import { LOCAL_WORKSPACE_ID } from '../storage/migrations/0011-team.js'
import { lazy } from '../lazy.js'
import type { WorkspaceSync } from '../workspace-files/workspace-sync.js'

/** Loaded when a folder is first used: `courier serve` without one never reads YAML or runs git. */
const syncModule = lazy(() => import('../workspace-files/workspace-sync.js'))
export const gitModule = lazy(() => import('../workspace-files/git/index.js'))
const gitRunner = lazy(() => import('../workspace-files/git/run-git.js'))

export type WorkspaceFilesOptions = {
  store: Store
  bus: ChangeBus
  dataDir: string
  /** `--workspace DIR`: fixed for the server's life. */
  fixedDir: string | null
  onError: (error: unknown) => void
}

/** The folder chosen in Settings, kept in the data folder (the flag, when given, wins). */
const CHOSEN_FILE = 'workspace-folder.json'
/** How often a chosen folder that was gone at start is looked for again. */
const LOOK_AGAIN_MS = 2000

const goneAtStart = (dir: string) =>
  `The workspace folder ${dir} chosen in Settings is gone (moved or unmounted?): put it back, or choose another folder in Settings. Until then Courier changes nothing and looks for it every few seconds.`

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

/**
 * The local workspace kept as files (issue 19): which folder (the flag's, or the one chosen in
 * Settings and remembered in the data folder), its running sync, and the status the Git view shows.
 */
export class WorkspaceFilesService {
  private sync: WorkspaceSync | null = null
  /** The chosen folder was gone at start: shown with its problem and started once it is back. */
  private waiting: { dir: string; timer: NodeJS.Timeout } | null = null
  /** Serialises choosing a folder: two Settings saves never leave two syncs running. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: WorkspaceFilesOptions) {}

  /** Starts the sync of the flag's folder, or of the one chosen last time (when that one is gone, it is waited for). */
  async open(): Promise<void> {
    const dir = this.options.fixedDir ?? (await this.chosen())
    if (!dir) return
    const missing = !(await exists(dir))
    if (missing && !this.options.fixedDir) return this.lookAgain(dir)
    try {
      // A --workspace folder that is not there yet: the sync creates it if it never kept it, and
      // refuses to start if it did (moved, unmounted), so nothing Courier holds is deleted.
      await this.start(missing ? dir : await this.checkedFolder(dir))
    } catch (error) {
      if (this.options.fixedDir) throw error
      this.options.onError(error)
    }
  }

  /** Looks for a chosen folder gone at start every few seconds; a folder chosen meanwhile ends the wait. */
  private lookAgain(dir: string, said = false): void {
    const timer = setTimeout(() => {
      this.queue = this.queue.then(async () => {
        if (this.waiting?.timer !== timer) return
        if (!(await exists(dir))) return this.lookAgain(dir, said)
        try {
          await this.start(await this.checkedFolder(dir))
          this.waiting = null
          await this.announce()
        } catch (error) {
          // Back but not usable yet (still being copied, not writable): said once, tried again.
          if (!said) this.options.onError(error)
          this.lookAgain(dir, true)
        }
      })
    }, LOOK_AGAIN_MS)
    timer.unref()
    this.waiting = { dir, timer }
  }

  private stopWaiting(): void {
    if (this.waiting) clearTimeout(this.waiting.timer)
    this.waiting = null
  }

  async close(): Promise<void> {
    this.stopWaiting()
    await this.queue.catch(() => undefined)
    this.stopWaiting()
    await this.sync?.stop()
    this.sync = null
  }

  dir(): string | null {
    return this.sync?.dir ?? null
  }

  /** Settings: keep the workspace in `dir` from now on (null: only in the database). */
  choose(dir: string | null): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.options.fixedDir) throw new CourierError('WORKSPACE_FOLDER_FIXED')
      const checked = dir === null ? null : await this.checkedFolder(dir)
      const waitingFor = this.waiting?.dir ?? null
      this.stopWaiting()
      const before = this.dir()
      if (checked === before && waitingFor === null) return
      await this.sync?.stop()
      this.sync = null
      try {
        if (checked) await this.start(checked)
      } catch (error) {
        // The folder could not be kept: the one before goes on as it was (or is waited for again),
        // and stays the remembered one.
        if (before) await this.start(before).catch(this.options.onError)
        else if (waitingFor) this.lookAgain(waitingFor, true)
        throw error
      }
      await this.remember(checked)
      await this.announce()
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  /** The running sync, for git commands and status. */
  require(): WorkspaceSync {
    if (!this.sync) throw new CourierError('WORKSPACE_FILES_OFF')
    return this.sync
  }

  async status(): Promise<WorkspaceFilesStatus> {
    const sync = this.sync
    const hasGit = await (await gitRunner()).gitAvailable()
    if (!sync)
      return {
        dir: this.waiting?.dir ?? null,
        fromFlag: false,
        syncedAt: null,
        problems: this.waiting ? [{ path: '', message: goneAtStart(this.waiting.dir) }] : [],
        notices: [],
        literalCredentials: [],
        git: null,
        gitError: null,
        gitAvailable: hasGit,
      }
    // Status never fails: a folder that cannot be read now is the sync's problem to show, git's its own.
    const files = await sync.files().catch(() => [])
    const { gitState, literalCredentials } = await gitModule()
    // A repository git cannot read (a damaged index, an owner it distrusts) still leaves the rest to show.
    let git: WorkspaceFilesStatus['git'] = null
    let gitError: string | null = null
    if (hasGit)
      try {
        git = await gitState(sync.dir, files)
      } catch (error) {
        gitError = error instanceof Error ? error.message : String(error)
      }
    return {
      dir: sync.dir,
      fromFlag: this.options.fixedDir !== null,
      syncedAt: sync.syncedAt(),
      problems: sync.problems(),
      notices: sync.notices(),
      literalCredentials: literalCredentials(files),
      git,
      gitError,
      gitAvailable: hasGit,
    }
  }

  /** Tells open pages the files' state changed (a folder chosen, a git command run). */
  async announce(): Promise<void> {
    await this.options.bus
      .publish({
        workspaceId: LOCAL_WORKSPACE_ID,
        kind: 'files',
        id: '',
        version: null,
        action: 'saved',
        by: { ...FILES_ACTOR },
        clientId: null,
        instanceId: this.options.bus.instanceId,
        at: new Date().toISOString(),
      })
      .catch(this.options.onError)
  }

  private async start(dir: string): Promise<void> {
    const { store, bus, dataDir, onError } = this.options
    // One sync base per folder: choosing another folder never mixes what two folders held.
    const key = createHash('sha256').update(dir).digest('hex').slice(0, 16)
    const { WorkspaceSync } = await syncModule()
    this.sync = await WorkspaceSync.start({
      dir,
      store,
      bus,
      stateFile: join(dataDir, `workspace-sync-${key}.json`),
      onError,
    })
  }

  /** An absolute path to a folder that exists and Courier may write to, not Courier's data folder. */
  private async checkedFolder(given: string): Promise<string> {
    const invalid = (why: string) =>
      new CourierError('WORKSPACE_FOLDER_INVALID', `Courier cannot keep the workspace in "${given}": ${why}`, {
        field: 'dir',
      })
    if (!isAbsolute(given)) throw invalid('give an absolute path, such as /home/you/api-collections.')
    const info = await stat(given).catch(() => null)
    if (!info) throw invalid('no such folder; create it first.')
    if (!info.isDirectory()) throw invalid('it is a file, not a folder.')
    // The real path: a link to Courier's data folder is Courier's data folder.
    const dir = await realpath(given)
    if (
      !(await access(dir, constants.W_OK).then(
        () => true,
        () => false,
      ))
    )
      throw invalid('Courier may not write there.')
    const data = await realpath(this.options.dataDir).catch(() => resolve(this.options.dataDir))
    const inside = (a: string, b: string) => !relative(a, b).startsWith('..') && !isAbsolute(relative(a, b))
    if (inside(data, dir) || inside(dir, data))
      throw invalid('it holds, or is inside, Courier’s own data folder; choose a folder of its own.')
    return dir
  }

  private async chosen(): Promise<string | null> {
    try {
      const saved = JSON.parse(await readFile(join(this.options.dataDir, CHOSEN_FILE), 'utf8')) as { dir?: unknown }
      return typeof saved.dir === 'string' ? saved.dir : null
    } catch {
      return null
    }
  }

  private async remember(dir: string | null): Promise<void> {
    const path = join(this.options.dataDir, CHOSEN_FILE)
    await writeFile(`${path}.tmp`, JSON.stringify({ dir }), { mode: 0o600 })
    await rename(`${path}.tmp`, path)
  }
}
