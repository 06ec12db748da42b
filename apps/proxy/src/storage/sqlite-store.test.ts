import { writeFileSync, existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/temp-dir.js'
import { openStore } from './open-store.js'
import { SecretBox } from '../secrets/secret-box.js'
import { describeCollectionContract } from './collection-store-contract.js'
import { describeWorkspaceIsolation } from './workspace-isolation-contract.js'
import { describeWorkspaceAdmin } from '../team/workspace-admin-contract.js'
import { describeRunStoreContract } from './run-store-contract.js'
import { describeStoreContract, historyEntry } from './store-contract.js'
import { ensurePrivateDir } from './data-dir.js'
import { describeConcurrentWriters, type OpenStore } from './concurrent-writers-contract.js'
import { describeVersionsAndTrash } from './version-trash-contract.js'
import BetterSqlite from 'better-sqlite3'

let last: { path: string; box: SecretBox } | undefined
/** `again` opens a second connection (its own better-sqlite3 handle) to the last fresh file. */
const openSqlite: OpenStore = (mode = 'fresh') => {
  if (mode === 'fresh' || !last)
    last = { path: join(tempDataDir(), 'courier.sqlite'), box: SecretBox.open(tempDataDir()) }
  return openStore({ kind: 'sqlite', path: last.path }, last.box)
}
describeStoreContract('sqlite', () => openSqlite())
describeRunStoreContract('sqlite', () => openSqlite())
describeCollectionContract('sqlite', () => openSqlite())
describeWorkspaceIsolation('sqlite', () => openSqlite())
describeWorkspaceAdmin('sqlite', () => openSqlite())
describeConcurrentWriters('sqlite', openSqlite)

describe('the SQLite file', () => {
  it('survives a restart with its history', async () => {
    const path = join(tempDataDir(), 'courier.sqlite')
    const first = await openStore({ kind: 'sqlite', path }, SecretBox.open(tempDataDir()))
    const entry = historyEntry()
    await first.history.append(entry)
    await first.close()
    const second = await openStore({ kind: 'sqlite', path }, SecretBox.open(tempDataDir()))
    expect(await second.history.get(entry.id)).toEqual(entry)
    await second.close()
  })

  it('moves a damaged file aside instead of resetting it', async () => {
    const dir = tempDataDir()
    const path = join(dir, 'courier.sqlite')
    writeFileSync(path, 'this is not a database'.repeat(100))
    await expect(openStore({ kind: 'sqlite', path }, SecretBox.open(tempDataDir()))).rejects.toMatchObject({
      code: 'STORAGE_CORRUPT',
    })
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(dir).some((name) => name.startsWith('courier.sqlite.corrupt-'))).toBe(true)
  })

  it('keeps the data folder private to its owner', () => {
    const dir = ensurePrivateDir(join(tempDataDir(), 'nested', 'courier'))
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })
})

describeVersionsAndTrash('sqlite', async (options) => {
  const path = join(tempDataDir(), 'courier.sqlite')
  const store = await openStore({ kind: 'sqlite', path }, SecretBox.open(tempDataDir()), options)
  return {
    store,
    raw: async (text) => {
      const db = new BetterSqlite(path)
      db.exec(text)
      db.close()
    },
  }
})
