import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { onTestFinished } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import type { DatabaseTarget } from '../storage/database.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { tempDataDir } from './temp-dir.js'

/**
 * A PostgreSQL target of its own on TEST_DATABASE_URL: a fresh schema (the search_path of every
 * connection), dropped when the test ends — other test runs share that database, so nothing here
 * touches their tables.
 */
export async function postgresTarget(url: string): Promise<DatabaseTarget> {
  const schema = `courier_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  // Kysely's migrator looks for its own tables in every schema, so it would find another run's in
  // public and skip creating them here: create them first.
  await admin.query(
    `CREATE TABLE ${schema}.kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL);
     CREATE TABLE ${schema}.kysely_migration_lock (id varchar(255) PRIMARY KEY, is_locked integer NOT NULL DEFAULT 0);`,
  )
  await admin.end()
  onTestFinished(async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  })
  const separator = url.includes('?') ? '&' : '?'
  return { kind: 'postgres', url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}` }
}

/** The dialects a store test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: { name: string; target: () => Promise<DatabaseTarget> }[] = [
  { name: 'sqlite', target: async () => ({ kind: 'sqlite', path: join(tempDataDir(), 'courier.sqlite') }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres', target: () => postgresTarget(process.env.TEST_DATABASE_URL!) }]
    : []),
]

/** A store on `target` with a fresh key, closed when the test ends. */
export async function openTestStore(target: DatabaseTarget, box = new SecretBox(randomBytes(32))): Promise<Store> {
  const store = await openStore(target, box)
  onTestFinished(() => store.close())
  return store
}

/** Rows of `query` read straight from the database behind a store (what is really on disk). */
export async function rawRows(target: DatabaseTarget, query: string): Promise<Record<string, unknown>[]> {
  if (target.kind === 'sqlite') {
    const db = new SqliteDatabase(target.path, { readonly: true })
    try {
      return db.prepare(query).all() as Record<string, unknown>[]
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: target.url })
  await client.connect()
  try {
    return (await client.query(query)).rows as Record<string, unknown>[]
  } finally {
    await client.end()
  }
}
