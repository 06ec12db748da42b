import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type MigrationProvider } from 'kysely'
import { CourierError } from '../errors.js'
import { withStatementCache } from './statement-cache.js'
import { damagedMarker, quickCheckNow } from './integrity-check.js'
import { lazy } from '../lazy.js'
import { migrations } from './migrations/index.js'
import type { Database } from './schema.js'
import { registerSqliteFile } from './write-transaction.js'

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string }

/** The better-sqlite3 handle behind each SQLite Kysely: the hot path's prepared statements run on it. */
const sqliteHandles = new WeakMap<object, SqliteDatabase.Database>()

/** The better-sqlite3 handle of a Kysely that openDatabase opened on SQLite (undefined otherwise). */
export function sqliteHandleOf(db: Kysely<Database>): SqliteDatabase.Database | undefined {
  return sqliteHandles.get(db)
}

/** The PostgreSQL driver, loaded only when a PostgreSQL database is opened. */
const postgres = lazy(() => import('pg'))

const provider: MigrationProvider = { getMigrations: async () => migrations }

function openSqlite(path: string): SqliteDatabase.Database {
  const open = () => {
    const db = new SqliteDatabase(path)
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    return db
  }
  let db: SqliteDatabase.Database | undefined
  try {
    db = open()
    // The whole file is checked in the background once the server answers (integrity-check.ts),
    // not here: reading it all would cost every start 0.3–0.5 s at 50,000 history entries. Only
    // a file that check found damaged (its marker is there) is checked before it is used again.
    if (path !== ':memory:' && existsSync(damagedMarker(path))) {
      const problems = quickCheckNow(db)
      if (problems.length > 0) throw new Error(problems.join('; '))
      rmSync(damagedMarker(path), { force: true }) // a backup was restored meanwhile: sound again
    }
    if (path !== ':memory:') chmodSync(path, 0o600) // docs/security.md#secrets-at-rest: history is the user's alone
  } catch (cause) {
    db?.close()
    if (path === ':memory:' || !existsSync(path)) throw cause
    // Never silently reset a damaged file (docs/security.md#storage): move it aside and say so.
    const aside = moveAside(path)
    throw new CourierError(
      'STORAGE_CORRUPT',
      `The data file ${path} is damaged and was moved to ${aside}. Start Courier again to begin with an empty file, or restore a backup to ${path}.`,
      { cause },
    )
  }
  return db
}

/** Moves a damaged file aside with its WAL and shared-memory files (a new file must not pick up its WAL). */
function moveAside(path: string): string {
  const aside = `${path}.corrupt-${Date.now()}`
  renameSync(path, aside)
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix)
  rmSync(damagedMarker(path), { force: true })
  return aside
}

/** The listing of another schema failed because that schema went away meanwhile (not a problem of ours). */
function droppedUnderfoot(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error)
  return /schema "[^"]+" does not exist|relation with OID \d+ does not exist|could not open relation/.test(message)
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  const { default: pg } = await postgres()
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
  })
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Kysely<Database>> {
  const handle = target.kind === 'sqlite' ? openSqlite(target.path) : undefined
  const db =
    target.kind === 'sqlite'
      ? new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle!) }) })
      : await openPostgres(target.url)
  // Kysely looks for its own migration tables in any schema unless told which: on PostgreSQL, name
  // the schema Courier works in (DATABASE_URL's search_path), or another schema's tables would count.
  const migrationTableSchema =
    target.kind === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined
  if (target.kind === 'sqlite') registerSqliteFile(db, target.path)
  if (handle) sqliteHandles.set(db, handle)
  // Numbers are reserved per feature, so a lower one may land after a higher one has run.
  const migrator = new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  })
  let { error, results } = await migrator.migrateToLatest()
  // Kysely checks for its migration table by listing the tables of every schema of the database; a
  // schema another process drops during that listing fails it before any migration ran. Try again.
  for (let attempt = 1; attempt < 5 && error && !results?.length && droppedUnderfoot(error); attempt++)
    ({ error, results } = await migrator.migrateToLatest())
  if (error) {
    await db.destroy()
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration'
    throw new CourierError(
      'STORAGE_CORRUPT',
      `The database schema could not be updated (${failed} failed and was rolled back): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  return db
}
