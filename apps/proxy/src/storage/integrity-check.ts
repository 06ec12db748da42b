import { writeFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type SqliteDatabase from 'better-sqlite3'
import type { StorageIntegrity } from '@courier/shared'

/** The most problems quick_check lists (the first few say enough; a badly damaged file has thousands). */
export const MAX_PROBLEMS = 20

// The worker is plain JavaScript next to this file in the sources, and next to the bundle in dist/.
const WORKER_URL = new URL('./integrity-worker.mjs', import.meta.url)

/** Left beside a data file the background check found damaged: the next open checks it and moves it aside. */
export function damagedMarker(path: string): string {
  return `${path}.damaged`
}

/** The data file's integrity: checked in the background once the server answers, never while opening it. */
export interface IntegrityCheck {
  /** What the last check found (`pending` before the first). */
  status(): StorageIntegrity
  /** Checks now, or joins the check under way; answers what it found. */
  check(): Promise<StorageIntegrity>
  /** Stops a check under way (the store is closing). */
  close(): Promise<void>
}

/** No file for Courier to read (PostgreSQL keeps its own checks; an in-memory database has none): `message` says why. */
export function nothingToCheck(message: string): IntegrityCheck {
  const status = { state: 'skipped' as const, message }
  return { status: () => status, check: async () => status, close: async () => undefined }
}

/** The problems in quick_check's answer, one a line ([] for its "ok"), without its "*** in database main ***" headings. */
export function problemsIn(rows: readonly string[]): string[] {
  return rows
    .flatMap((text) => text.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== 'ok' && !/^\*\*\* in database \S+ \*\*\*$/.test(line))
}

/** quick_check on the open connection, on this thread: only for a file already suspected (its marker is there). */
export function quickCheckNow(db: SqliteDatabase.Database): string[] {
  const rows = db.pragma(`quick_check(${MAX_PROBLEMS})`) as Record<string, unknown>[]
  return problemsIn(rows.map((row) => String(Object.values(row)[0])))
}

type WorkerAnswer = { rows: string[] } | { error: string }

/**
 * SQLite's quick_check of a data file, read by a worker thread on its own read-only connection
 * (integrity-worker.mjs), so the server keeps answering while it reads the whole file. When it
 * finds damage, the connection the server writes through turns read-only (`PRAGMA query_only`):
 * nothing more is written over the damaged file, while what can still be read (collections to
 * export, history) stays readable. A marker file beside it makes the next open move it aside
 * with the clear error a damaged file always had (database.ts).
 */
export class SqliteIntegrity implements IntegrityCheck {
  private current: StorageIntegrity = { state: 'pending' }
  private running: Promise<StorageIntegrity> | undefined
  private worker: Worker | undefined

  constructor(
    private readonly path: string,
    private readonly db: SqliteDatabase.Database,
  ) {}

  status(): StorageIntegrity {
    return this.current
  }

  check(): Promise<StorageIntegrity> {
    return (this.running ??= this.run().finally(() => (this.running = undefined)))
  }

  async close(): Promise<void> {
    await this.worker?.terminate()
  }

  private async run(): Promise<StorageIntegrity> {
    if (this.current.state === 'damaged') return this.current
    this.current = { state: 'checking' }
    const answer = await this.inWorker()
    const problems = 'rows' in answer ? problemsIn(answer.rows) : []
    if ('error' in answer) {
      this.current = { state: 'skipped', message: `The data file could not be checked: ${answer.error}` }
    } else if (problems.length === 0) {
      this.current = { state: 'ok' }
    } else {
      this.db.pragma('query_only = ON')
      writeFileSync(damagedMarker(this.path), `${problems.join('\n')}\n`, { mode: 0o600 })
      this.current = { state: 'damaged', message: damagedMessage(this.path, problems) }
    }
    return this.current
  }

  private inWorker(): Promise<WorkerAnswer> {
    return new Promise((resolve) => {
      const worker = new Worker(WORKER_URL, {
        name: 'courier-integrity',
        workerData: { path: this.path, maxProblems: MAX_PROBLEMS },
      })
      this.worker = worker
      // The check never keeps a process alive that has nothing else to do.
      worker.unref()
      let answered = false
      worker.once('message', (answer: WorkerAnswer) => {
        answered = true
        resolve(answer)
      })
      worker.once('error', (error) => {
        answered = true
        resolve({ error: error.message })
      })
      worker.once('exit', () => {
        if (this.worker === worker) this.worker = undefined
        if (!answered) resolve({ error: 'the check stopped before it finished' })
      })
    })
  }
}

/** The sentence for the log, the info endpoint and the page's banner. */
export function damagedMessage(path: string, problems: readonly string[]): string {
  const more = problems.length > 1 ? ` and ${problems.length - 1} more` : ''
  return (
    `The data file ${path} is damaged (SQLite's check found: ${problems[0]}${more}). ` +
    'Courier stopped writing to it, so changes made now are not kept. Export the collections and ' +
    'environments you need, then restart Courier: it moves the damaged file aside and starts with an ' +
    `empty one. Or stop Courier and restore a backup to ${path}.`
  )
}
