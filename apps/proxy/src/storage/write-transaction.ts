import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.js'

/** SQLite files opened in this process, by their Kysely instance. */
const sqlitePaths = new WeakMap<object, string>()
/** The tail of each file's queue of write transactions. */
const queues = new Map<string, Promise<void>>()

export function registerSqliteFile(db: Kysely<Database>, path: string): void {
  if (path !== ':memory:') sqlitePaths.set(db, path)
}

/**
 * A write transaction. On SQLite, the transactions of every handle this process has on one file
 * take turns: better-sqlite3 waits for SQLite's lock by blocking the thread, so a second handle
 * writing while the first one's transaction awaits between statements would block the very
 * thread that has to finish the first (until busy_timeout, then "database is locked"). One handle
 * (the server) already runs one statement at a time; this matters where a process opens two (the
 * tests of concurrent writers). Other processes wait on SQLite's own lock as before.
 */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  run: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return inWriteTurn(db, () => db.transaction().execute(run))
}

/** Runs `write` in this file's turn (see writeTransaction): for writes that open their transaction themselves. */
export async function inWriteTurn<T>(db: Kysely<Database>, write: () => Promise<T>): Promise<T> {
  const path = sqlitePaths.get(db)
  if (path === undefined) return write()
  const before = queues.get(path) ?? Promise.resolve()
  let release!: () => void
  const turn = new Promise<void>((resolve) => (release = resolve))
  const tail = before.then(() => turn)
  queues.set(path, tail)
  await before
  try {
    return await write()
  } finally {
    release()
    if (queues.get(path) === tail) queues.delete(path)
  }
}
