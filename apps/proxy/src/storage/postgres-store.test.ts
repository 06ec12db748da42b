import { onTestFinished } from 'vitest'
import { tempDataDir } from '../test/temp-dir.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { openStore } from './open-store.js'
import { SecretBox } from '../secrets/secret-box.js'
import { describeCollectionContract } from './collection-store-contract.js'
import { describeWorkspaceIsolation } from './workspace-isolation-contract.js'
import { describeWorkspaceAdmin } from '../team/workspace-admin-contract.js'
import { describeConcurrentWriters, type OpenStore } from './concurrent-writers-contract.js'
import { describeRunStoreContract } from './run-store-contract.js'
import { describeStoreContract } from './store-contract.js'

// CI and `npm test` must run the suite, never skip it (issue 10 item 9, issue 13): no URL there
// is a failure, and an unusable URL fails every test below, as opening the store fails.
describePostgres(
  'postgres (TEST_DATABASE_URL)',
  (url) => {
    let last: { url: string; box: SecretBox } | undefined
    /**
     * `fresh` opens a store on an empty schema of its own (so suites running at the same time never
     * meet, also on a shared server); `again` opens a second store with its own connection pool on
     * the schema the last `fresh` call made.
     */
    const openPostgres: OpenStore = async (mode = 'fresh') => {
      if (mode === 'fresh' || !last) {
        const schema = await freshSchema(url, 'courier_store')
        onTestFinished(schema.drop)
        last = { url: schema.url, box: SecretBox.open(tempDataDir()) }
      }
      return openStore({ kind: 'postgres', url: last.url }, last.box)
    }
    describeStoreContract('postgres', () => openPostgres())
    describeRunStoreContract('postgres', () => openPostgres())
    describeCollectionContract('postgres', () => openPostgres())
    describeWorkspaceIsolation('postgres', () => openPostgres())
    describeWorkspaceAdmin('postgres', () => openPostgres())
    describeConcurrentWriters('postgres', openPostgres)
  },
  'PostgreSQL store suite: no TEST_DATABASE_URL',
)
