import { randomBytes } from 'node:crypto'
import { afterAll, describe } from 'vitest'
import pg from 'pg'
import { tempDataDir } from '../test/temp-dir.js'
import { openStore } from './open-store.js'
import { SecretBox } from '../secrets/secret-box.js'
import { describeVersionsAndTrash } from './version-trash-contract.js'
import { describeConcurrentWriters, type OpenStore } from './concurrent-writers-contract.js'
import type { StoreOptions } from './open-store.js'

const url = process.env.TEST_DATABASE_URL

/**
 * The versions-and-trash contract on PostgreSQL. Each store gets its own schema (search_path), so
 * this suite never touches tables other suites or engineers use on the same database.
 */
describe.runIf(url)('postgres versions and trash (TEST_DATABASE_URL, own schemas)', () => {
  const schemas: string[] = []
  const admin = () => new pg.Client({ connectionString: url })
  afterAll(async () => {
    const client = admin()
    await client.connect()
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  })

  /** A fresh schema with Kysely's own tables in it; answers a URL whose search_path is that schema. */
  async function freshSchema(): Promise<string> {
    const schema = `courier_versions_${randomBytes(6).toString('hex')}`
    schemas.push(schema)
    const client = admin()
    await client.connect()
    await client.query(`CREATE SCHEMA ${schema}`)
    // Kysely's migrator looks for its own tables in every schema: with another suite's in public it
    // would skip creating them here, so they are created in this schema up front (Kysely's shapes).
    await client.query(
      `CREATE TABLE ${schema}.kysely_migration (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL);
       CREATE TABLE ${schema}.kysely_migration_lock (id varchar(255) NOT NULL PRIMARY KEY, is_locked integer NOT NULL DEFAULT 0)`,
    )
    await client.end()
    const scoped = new URL(url!)
    scoped.searchParams.set('options', `-c search_path=${schema}`)
    return scoped.toString()
  }

  describeVersionsAndTrash('postgres', async (options?: StoreOptions) => {
    const scoped = await freshSchema()
    const store = await openStore({ kind: 'postgres', url: scoped }, SecretBox.open(tempDataDir()), options)
    return {
      store,
      raw: async (text) => {
        const c = new pg.Client({ connectionString: scoped })
        await c.connect()
        await c.query(text)
        await c.end()
      },
    }
  })

  // Merging saves keep the rule of issue 10: of two writers of one field, exactly one wins.
  let last: { url: string; box: SecretBox } | undefined
  const openTwice: OpenStore = async (mode = 'fresh') => {
    if (mode === 'fresh' || !last) last = { url: await freshSchema(), box: SecretBox.open(tempDataDir()) }
    return openStore({ kind: 'postgres', url: last.url }, last.box)
  }
  describeConcurrentWriters('postgres (own schema)', openTwice)
})
