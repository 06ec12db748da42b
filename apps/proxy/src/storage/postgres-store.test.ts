import { describe, it } from 'vitest'
import pg from 'pg'
import { tempDataDir } from '../test/build-test-app.js'
import { openStore } from './open-store.js'
import { SecretBox } from '../secrets/secret-box.js'
import { describeCollectionContract } from './collection-store-contract.js'
import { describeConcurrentWriters, type OpenStore } from './concurrent-writers-contract.js'
import { describeStoreContract } from './store-contract.js'

const url = process.env.TEST_DATABASE_URL

/** Each run gets a fresh schema-less database state: drop what the last run left. */
async function resetDatabase(connectionString: string) {
  const client = new pg.Client({ connectionString })
  await client.connect()
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;')
  await client.end()
}

describe.runIf(url)('postgres (TEST_DATABASE_URL)', () => {
  let box: SecretBox | undefined
  /** `again` opens a second store with its own connection pool on the same database. */
  const openPostgres: OpenStore = async (mode = 'fresh') => {
    if (mode === 'fresh' || !box) {
      await resetDatabase(url!)
      box = SecretBox.open(tempDataDir())
    }
    return openStore({ kind: 'postgres', url: url! }, box)
  }
  describeStoreContract('postgres', () => openPostgres())
  describeCollectionContract('postgres', () => openPostgres())
  describeConcurrentWriters('postgres', openPostgres)
})
