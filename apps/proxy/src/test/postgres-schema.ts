import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { onTestFinished } from 'vitest'

/**
 * A schema of its own on the shared test database, dropped when the test ends: other test runs
 * on the same database (which reset `public`) never touch it. Answers a URL whose connections use it.
 */
export async function ownSchema(url: string, prefix = 'courier_t'): Promise<string> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE SCHEMA "${schema}"`)
  // Kysely's migrator looks for its own tables in every schema: finding public's (other runs made
  // them), it would not create them here. Made here as it makes them, it uses these.
  await admin.query(
    `CREATE TABLE "${schema}".kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL);
     CREATE TABLE "${schema}".kysely_migration_lock (id varchar(255) PRIMARY KEY, is_locked integer NOT NULL DEFAULT 0)`,
  )
  await admin.end()
  onTestFinished(async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`DROP SCHEMA "${schema}" CASCADE`)
    await client.end()
  })
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  return scoped.toString()
}
