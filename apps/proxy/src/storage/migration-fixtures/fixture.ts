import { RequestSpecSchema } from '@courier/shared'
import type { Kysely } from 'kysely'
import type { SecretBox } from '../../secrets/secret-box.js'
import type { Store } from '../store.js'

export interface FixtureContext {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema of one migration back in time
  db: Kysely<any>
  box: SecretBox
  sqlite: boolean
}

/**
 * Rows as Courier wrote them right after one migration, and how they read back on the latest
 * schema. migrations.test.ts migrates a fresh database to each migration in turn, seeds every
 * fixture up to it, migrates to the latest and runs their checks; a migration without a fixture
 * fails that test, so adding a migration means adding its fixture (a file here, listed in index.ts).
 */
export interface MigrationFixture {
  /** Writes rows into the tables this migration made or changed, in the shape of that time. */
  seed(context: FixtureContext): Promise<void>
  /** After migrating to the latest schema: what `seed` wrote reads back through the stores. */
  check(store: Store, context: FixtureContext): Promise<void>
}

export const T0 = '2026-01-02T03:04:05.000Z'
export const LATER = '2099-01-01T00:00:00.000Z'
export const request = RequestSpecSchema.parse({ method: 'POST', url: 'https://api.test/orders?page=2' })
export const COLLECTION = '01900000-0000-7000-8000-000000000006'
export const FOLDER = '01900000-0000-7000-8000-000000000016'
export const ITEM = '01900000-0000-7000-8000-000000000026'
export const ENVIRONMENT = '01900000-0000-7000-8000-000000000007'
