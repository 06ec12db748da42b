import { describe } from 'vitest'
import pg from 'pg'
import { tempDataDir } from '../test/temp-dir.js'
import { openStore } from './open-store.js'
import { SecretBox } from '../secrets/secret-box.js'
import { describeCollectionContract } from './collection-store-contract.js'
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
  const openPostgres = async () => {
    await resetDatabase(url!)
    return openStore({ kind: 'postgres', url: url! }, SecretBox.open(tempDataDir()))
  }
  describeStoreContract('postgres', openPostgres)
  describeCollectionContract('postgres', openPostgres)
})
