import type { HistoryEntry } from '@courier/shared'
import type BetterSqlite from 'better-sqlite3'
import type { Insertable, Kysely } from 'kysely'
import type { SecretBox } from '../secrets/secret-box.js'
import { sqliteHandleOf } from './database.js'
import { isSqlite } from './dialect.js'
import type { Database, HistoryTable } from './schema.js'
import { sealInlineBody } from './sealed-inline.js'
import { inWriteTurn } from './write-transaction.js'

/** One history entry as its row, and what the SQLite full-text table indexes for it. */
export type HistoryAppend = { row: Insertable<HistoryTable>; url: string; searchText: string }

/** What `body_sealed` says when the small body is exactly the row's inline text (kept once). */
export const BODY_IS_INLINE = 'inline'

/** A small body's column: `inline` when the inline text is these very bytes, else the bytes sealed for this row. */
function sealedBody(entry: HistoryEntry, body: Buffer | undefined, box: SecretBox): string | null {
  if (!body) return null
  const inline = entry.response?.body?.inline
  if (typeof inline === 'string' && Buffer.byteLength(inline) === body.length && Buffer.from(inline).equals(body))
    return BODY_IS_INLINE
  return box.sealBytes(body, entry.id)
}

/**
 * The row of `entry` for `user`: on PostgreSQL the search text is a column, on SQLite it goes to
 * history_fts. `body`: a small response body kept in the row instead of the body store.
 */
export function historyAppend(
  entry: HistoryEntry,
  searchText: string,
  user: string,
  box: SecretBox,
  sqlite: boolean,
  body?: Buffer,
): HistoryAppend {
  const row: Insertable<HistoryTable> = {
    id: entry.id,
    created_at: entry.createdAt,
    method: entry.method,
    url: entry.url,
    status: entry.status,
    error_code: entry.errorCode,
    duration_ms: entry.durationMs,
    size: entry.size,
    user_id: user,
    request_json: JSON.stringify(entry.request),
    response_json: JSON.stringify(sealInlineBody(entry.response, box)),
    body_sealed: sealedBody(entry, body, box),
    capture: entry.capture ?? null,
    ...(sqlite ? {} : { search_text: `${entry.url}\n${searchText}` }),
  }
  return { row, url: entry.url, searchText }
}

/** The hot path's SQL on SQLite: the only place it is written, prepared once per connection. */
const INSERT_HISTORY = `INSERT INTO history (id, created_at, method, url, status, error_code, duration_ms, size, user_id, request_json, response_json, body_sealed, capture)
  VALUES (@id, @created_at, @method, @url, @status, @error_code, @duration_ms, @size, @user_id, @request_json, @response_json, @body_sealed, @capture)`
const INSERT_FTS = 'INSERT INTO history_fts (rowid, url, body) VALUES (?, ?, ?)'

type Commit = (batch: readonly HistoryAppend[]) => Promise<void>

/** One transaction for a batch on SQLite: better-sqlite3 statements prepared once, run synchronously. */
function sqliteCommit(db: Kysely<Database>, handle: BetterSqlite.Database): Commit {
  const insertHistory = handle.prepare(INSERT_HISTORY)
  const insertFts = handle.prepare(INSERT_FTS)
  const writeAll = handle.transaction((batch: readonly HistoryAppend[]) => {
    for (const { row, url, searchText } of batch) {
      const { lastInsertRowid } = insertHistory.run(row)
      insertFts.run(lastInsertRowid, url, searchText)
    }
  })
  // Holding Kysely's connection keeps every other statement of this handle out while it runs;
  // the write turn keeps other handles of this process on the same file out (write-transaction.ts).
  return (batch) => inWriteTurn(db, () => db.connection().execute(async () => writeAll(batch)))
}

/** One statement for a batch on PostgreSQL: a multi-row insert is atomic by itself. */
function postgresCommit(db: Kysely<Database>): Commit {
  return async (batch) => {
    await db
      .insertInto('history')
      .values(batch.map((item) => item.row))
      .execute()
  }
}

type Waiting = { append: HistoryAppend; resolve: () => void; reject: (error: unknown) => void }

/**
 * Group commit: the appends that arrive while a batch is being committed, or in the same turn of
 * the event loop as the first, are written in one transaction. A lone append waits for nothing
 * but setImmediate; each caller's promise settles only once its row is committed. When a batch
 * fails, each of its appends is tried alone, so one bad entry fails only its own send.
 */
export class GroupCommit {
  private queue: Waiting[] = []
  private scheduled = false
  private committing = false

  constructor(private readonly commit: Commit) {}

  append(append: HistoryAppend): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ append, resolve, reject })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled || this.committing || this.queue.length === 0) return
    this.scheduled = true
    setImmediate(() => void this.flush())
  }

  private async flush(): Promise<void> {
    this.scheduled = false
    this.committing = true
    const batch = this.queue
    this.queue = []
    try {
      await this.commit(batch.map((w) => w.append))
      for (const waiting of batch) waiting.resolve()
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error)
      else
        for (const waiting of batch)
          await this.commit([waiting.append]).then(waiting.resolve, (alone: unknown) => waiting.reject(alone))
    } finally {
      this.committing = false
      this.schedule()
    }
  }
}

const committers = new WeakMap<Kysely<Database>, GroupCommit>()

/** The group committer of a database: every person's history store on it shares one. */
export function groupCommitOf(db: Kysely<Database>): GroupCommit {
  let committer = committers.get(db)
  if (!committer) {
    committer = new GroupCommit(commitFor(db))
    committers.set(db, committer)
  }
  return committer
}

/** How a batch is committed on this database (one transaction either way). */
export function commitFor(db: Kysely<Database>): Commit {
  if (!isSqlite(db)) return postgresCommit(db)
  const handle = sqliteHandleOf(db)
  if (!handle) throw new Error('A SQLite history store needs a database that openDatabase opened.')
  return sqliteCommit(db, handle)
}
