import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { tempDataDir } from '../test/temp-dir.js'
import type { DatabaseTarget } from './database.js'
import { migrationFixtures, type FixtureContext } from './migration-fixtures/index.js'
import { migrations } from './migrations/index.js'
import { openStore } from './open-store.js'

/** In the order Kysely runs them (by name). */
const names = Object.keys(migrations).sort()

/** A new, empty database: a Kysely on it for the old schema, and the target openStore opens. */
type Fresh = () => Promise<{
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema of one migration back in time
  db: Kysely<any>
  target: DatabaseTarget
  migrationTableSchema?: string
}>

describe('migration fixtures', () => {
  it('has one for every migration (a new migration adds its fixture in migration-fixtures/)', () => {
    expect(Object.keys(migrationFixtures).sort()).toEqual(names)
  })
})

/**
 * For every migration k: a database migrated exactly up to k gets the rows Courier wrote then
 * (the fixtures of k and of every migration before it), is migrated to the latest schema by
 * openStore as a start-up would, and reads every row back through the stores.
 */
function describeUpgrades(dialect: 'sqlite' | 'postgres', fresh: Fresh) {
  describe(`${dialect}: upgrading from every earlier schema version`, () => {
    for (const [index, name] of names.entries()) {
      it(`keeps what was written at ${name} after migrating to the latest`, { timeout: 60_000 }, async () => {
        const { db, target, migrationTableSchema } = await fresh()
        const migrator = new Migrator({
          db,
          provider: { getMigrations: async () => migrations },
          allowUnorderedMigrations: true,
          ...(migrationTableSchema ? { migrationTableSchema } : {}),
        })
        const earlier = names.slice(0, index + 1)
        const context: FixtureContext = { db, box: SecretBox.open(tempDataDir()), sqlite: dialect === 'sqlite' }
        try {
          const { error, results } = await migrator.migrateTo(name)
          expect(error).toBeUndefined()
          expect(results?.map((result) => result.migrationName)).toEqual(earlier)
          for (const migration of earlier) {
            const fixture = migrationFixtures[migration]
            if (!fixture) throw new Error(`No fixture for migration ${migration}: add one in migration-fixtures/.`)
            await fixture.seed(context)
          }
        } finally {
          await db.destroy()
        }

        const store = await openStore(target, context.box)
        try {
          for (const migration of earlier) await migrationFixtures[migration]!.check(store, context)
        } finally {
          await store.close()
        }
      })
    }
  })
}

describeUpgrades('sqlite', async () => {
  const path = join(tempDataDir(), 'courier.sqlite')
  const db = new Kysely({ dialect: new SqliteDialect({ database: new SqliteDatabase(path) }) })
  return { db, target: { kind: 'sqlite', path } }
})

describePostgres('PostgreSQL migrations (TEST_DATABASE_URL)', (url) => {
  describeUpgrades('postgres', async () => {
    const schema = await freshSchema(url, 'courier_migrate')
    onTestFinished(schema.drop)
    const db = new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 2 }) }),
    })
    return { db, target: { kind: 'postgres', url: schema.url }, migrationTableSchema: schema.name }
  })
})
