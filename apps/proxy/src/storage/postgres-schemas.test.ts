import pg from 'pg'
import { expect, it, onTestFinished } from 'vitest'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { tempDataDir } from '../test/temp-dir.js'
import { SecretBox } from '../secrets/secret-box.js'
import { migrations } from './migrations/index.js'
import { openStore } from './open-store.js'
import { historyEntry } from './store-contract.js'

/** The names of the migrations recorded in `schema`'s own kysely_migration table. */
async function recordedMigrations(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM ${client.escapeIdentifier(schema)}.kysely_migration ORDER BY name`,
    )
    return rows.map((row) => row.name)
  } finally {
    await client.end()
  }
}

describePostgres('PostgreSQL schemas (TEST_DATABASE_URL)', (url) => {
  // A server's database may hold several Courier schemas (search_path picks one): the migrations
  // of one must not be taken for those of another.
  it('migrates a schema of its own although another schema already has Courier tables', async () => {
    const first = await freshSchema(url, 'courier_first')
    onTestFinished(first.drop)
    const second = await freshSchema(url, 'courier_second')
    onTestFinished(second.drop)
    const box = SecretBox.open(tempDataDir())

    const one = await openStore({ kind: 'postgres', url: first.url }, box)
    await one.close()
    const two = await openStore({ kind: 'postgres', url: second.url }, box)
    try {
      const entry = historyEntry()
      await two.history.append(entry)
      expect(await two.history.get(entry.id)).toEqual(entry)
    } finally {
      await two.close()
    }
    expect(await recordedMigrations(url, second.name)).toEqual(Object.keys(migrations).sort())
  })
})
