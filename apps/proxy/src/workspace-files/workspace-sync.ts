import { lstat, mkdir } from 'node:fs/promises'
import { FILES_ACTOR, type ChangeEvent } from '@courier/shared'
import type { FileProblem, WorkspaceFile } from '@courier/shared/workspace-files'
import { CourierError } from '../errors.js'
import type { ChangeBus } from '../ports/change-bus.js'
import { LOCAL_WORKSPACE_ID } from '../storage/local-identity.js'
import { publishingData, type Change } from '../storage/publishing-data.js'
import type { Store, WorkspaceData } from '../storage/store.js'
import { FingerprintCache } from './fingerprint.js'
import { FolderWatch } from './folder-watch.js'
import { gitBusy, gitMarker } from './git-marker.js'
import { FolderGoneError, folderGoneMessage, readWorkspaceFolder } from './folder-io.js'
import type { LoadCache } from './load-side.js'
import { reconcile } from './reconcile.js'
import { readBase, writeBase, type SyncBase } from './sync-state.js'

export type { FileProblem, WorkspaceFile }

export type WorkspaceSyncOptions = {
  /** Absolute folder; created if missing only while its base is empty (never synced), else start rejects. */
  dir: string
  /** Its local workspace (store.collections, store.environments) is the one kept as files. */
  store: Store
  /** Changes of the local workspace are heard here; the sync's own are published here. */
  bus: ChangeBus
  /** A JSON file in Courier's data folder for the sync base (created 0600). */
  stateFile: string
  debounceMs?: number
  onError?: (error: unknown) => void
}

/** How often a gone workspace folder is looked for again. */
const GONE_RETRY_MS = 2000

const SYNCED_KINDS = new Set(['collection', 'item', 'environment'])

/**
 * Keeps the local workspace and a folder of YAML files the same, both ways: every change in Courier
 * is written to the files, every change to the files (an editor, git) is saved in Courier. One sync
 * at a time; changes close together are taken in one.
 */
export class WorkspaceSync {
  readonly dir: string
  private readonly store: Store
  private readonly bus: ChangeBus
  private readonly stateFile: string
  private readonly debounceMs: number
  private readonly onError: (error: unknown) => void
  private readonly data: WorkspaceData
  private base: SyncBase
  private currentProblems: FileProblem[] = []
  private timer: NodeJS.Timeout | null = null
  private chain: Promise<void> = Promise.resolve()
  private queued: Promise<void> | null = null
  private gitChanged = false
  private failures = 0
  /** The folder gone was told to onError already (not again on every retry). */
  private goneSaid = false
  private waitingSince = 0
  private git: string | null = null
  private readonly cache = {
    loads: new Map() as LoadCache,
    prints: new FingerprintCache(),
    reported: new Set<string>(),
  }
  private stopped = false
  private watch: FolderWatch | null = null
  private unsubscribe: (() => void) | null = null

  private constructor(options: WorkspaceSyncOptions, base: SyncBase) {
    this.dir = options.dir
    this.store = options.store
    this.bus = options.bus
    this.stateFile = options.stateFile
    this.debounceMs = options.debounceMs ?? 100
    this.onError = options.onError ?? (() => {})
    this.base = base
    const local: WorkspaceData = {
      collections: options.store.collections,
      environments: options.store.environments,
      versions: options.store.versions,
      trash: options.store.trash,
    }
    this.data = publishingData(local, (change) => this.publish(change))
  }

  /** Resolves once the first sync is done and the folder and the workspace are watched. */
  static async start(options: WorkspaceSyncOptions): Promise<WorkspaceSync> {
    const base = await readBase(options.stateFile, options.dir)
    if (!(await lstat(options.dir).catch(() => null))) {
      // A folder synced before and gone now (unmounted, moved) is not taken for an empty workspace.
      const synced = Object.keys(base.collections).length + Object.keys(base.environments).length > 0
      if (synced) throw new CourierError('WORKSPACE_FOLDER_INVALID', folderGoneMessage(options.dir))
      await mkdir(options.dir, { recursive: true })
    }
    const sync = new WorkspaceSync(options, base)
    // Listening before the first sync: a change made during it is taken by the next one.
    sync.unsubscribe = options.bus.subscribe(LOCAL_WORKSPACE_ID, (message) => {
      if (message.type === 'resync') return sync.schedule()
      const { event } = message
      const own = event.by.userId === FILES_ACTOR.userId && event.instanceId === options.bus.instanceId
      if (!own && SYNCED_KINDS.has(event.kind)) sync.schedule()
    })
    sync.watch = new FolderWatch(
      options.dir,
      () => sync.schedule(),
      () => {
        sync.gitChanged = true
        sync.schedule()
      },
      sync.onError,
    )
    try {
      await sync.syncNow()
    } catch (error) {
      await sync.stop()
      throw error
    }
    return sync
  }

  /** What the sync decided that a person should know (both sides changed one thing), newest first. */
  notices(): { at: string; message: string }[] {
    return [...this.kept]
  }

  private kept: { at: string; message: string }[] = []

  private notify(message: string): void {
    this.kept = [{ at: new Date().toISOString(), message }, ...this.kept].slice(0, 20)
  }

  problems(): FileProblem[] {
    return [...this.currentProblems]
  }

  syncedAt(): string | null {
    return this.base.syncedAt
  }

  /** The folder's files; none while the folder is gone (problems() says so). */
  async files(): Promise<WorkspaceFile[]> {
    try {
      return await readWorkspaceFolder(this.dir)
    } catch (error) {
      if (error instanceof FolderGoneError) return []
      throw error
    }
  }

  /** Syncs now (after a git pull or commit); waits for a sync under way, never runs two at once. */
  syncNow(): Promise<void> {
    // Stopped: nothing more is read or written (the next start takes what changed, from the base).
    if (this.stopped) return this.chain
    return this.enqueue()
  }

  private enqueue(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    // A sync queued and not yet started takes this call's changes too.
    this.queued ??= this.chain.then(() => {
      this.queued = null
      return this.run()
    })
    this.chain = this.queued.catch(() => {})
    return this.queued
  }

  /** Stops watching; a change heard and not yet synced is synced first. */
  async stop(): Promise<void> {
    if (this.stopped) return this.chain
    this.stopped = true
    this.watch?.close()
    this.unsubscribe?.()
    if (this.timer) await this.enqueue().catch((error: unknown) => this.onError(error))
    await this.chain
  }

  private schedule(delay = this.debounceMs): void {
    if (this.stopped) return
    // Changes that keep coming (an editor saving on every key) are synced at least every 10 debounces.
    if (this.timer && Date.now() - this.waitingSince > 10 * this.debounceMs) return
    if (this.timer) clearTimeout(this.timer)
    else this.waitingSince = Date.now()
    this.timer = setTimeout(() => {
      this.timer = null
      // A git command under way (a checkout, a pull) holds .git/index.lock: its end is waited for.
      if (gitBusy(this.dir)) return this.schedule()
      this.syncNow().then(
        () => (this.failures = 0),
        (error: unknown) => {
          // The folder gone (unmounted, moved): said once, looked for again every few seconds until it is back.
          if (error instanceof FolderGoneError) {
            if (!this.goneSaid) this.onError(error)
            this.goneSaid = true
            return this.schedule(GONE_RETRY_MS)
          }
          this.onError(error)
          // A write refused in a race with a person's save: tried again a little later, a few times.
          if (++this.failures <= 3) this.schedule(1000 * this.failures)
        },
      )
    }, delay)
  }

  private async run(): Promise<void> {
    const git = this.gitChanged
    this.gitChanged = false
    const before = JSON.stringify(this.currentProblems)
    let result
    try {
      result = await reconcile({
        dir: this.dir,
        store: this.store,
        data: this.data,
        base: this.base,
        onError: this.onError,
        cache: this.cache,
        settleMs: this.debounceMs,
        onBothChanged: (what) =>
          this.notify(
            `${what} changed both in Courier and in the workspace files at once; the files' version was kept (Courier's is in its versions).`,
          ),
        onKeptDeleted: (what) =>
          this.notify(
            `${what} was deleted in the workspace files but changed in Courier since; Courier kept it and wrote its files again.`,
          ),
      })
    } catch (error) {
      // Only the folder gone is a problem to show; any other error keeps the problems as they were.
      if (error instanceof FolderGoneError) {
        this.currentProblems = [{ path: '', message: error.message }]
        if (before !== JSON.stringify(this.currentProblems)) await this.publishFiles()
      }
      throw error
    }
    this.goneSaid = false
    this.watch?.ensure()
    this.currentProblems = result.problems
    this.base = result.base
    await writeBase(this.stateFile, this.base)
    const changed = result.changedDb || result.changedFiles || before !== JSON.stringify(result.problems)
    let moved = false
    if (git || this.git === null) {
      const marker = await gitMarker(this.dir)
      moved = this.git !== null && marker !== this.git
      this.git = marker
    }
    if (changed || moved) await this.publishFiles()
    if (result.retry) this.schedule()
  }

  private async publish(change: Change): Promise<void> {
    try {
      await this.bus.publish(this.event(change))
    } catch (error) {
      this.onError(error)
    }
  }

  private publishFiles(): Promise<void> {
    return this.publish({ kind: 'files', id: '', version: null, action: 'saved' })
  }

  private event(change: Change): ChangeEvent {
    return {
      ...change,
      workspaceId: LOCAL_WORKSPACE_ID,
      by: { userId: FILES_ACTOR.userId, name: FILES_ACTOR.name },
      clientId: null,
      instanceId: this.bus.instanceId,
      at: new Date().toISOString(),
    }
  }
}
