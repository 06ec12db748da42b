import { join } from 'node:path'
import BetterSqlite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/temp-dir.js'
import { SecretBox } from '../secrets/secret-box.js'
import { openStore } from './open-store.js'

const SECRET = 'sv_VERSIONED_SECRET_0c1d2e3f'

describe('versions and trash at rest', () => {
  it('seal secret variables exactly as the rows do, and open them again on read', async () => {
    const path = join(tempDataDir(), 'courier.sqlite')
    const store = await openStore({ kind: 'sqlite', path }, SecretBox.open(tempDataDir()))
    const secret = [{ name: 'key', value: SECRET, enabled: true, secret: true }]
    const collection = await store.collections.create('C')
    const folder = await store.collections.createItem({ kind: 'folder', collectionId: collection.id, name: 'F' })
    await store.collections.updateItem(folder.id, { version: 1, variables: secret })
    await store.collections.update(collection.id, { version: 1, variables: secret })
    const env = await store.environments.create('E', secret)
    await store.environments.update(env.id, { version: 1, name: 'E2' })
    expect((await store.versions.get('item', folder.id, 2)).data).toMatchObject({ variables: [{ value: SECRET }] })
    await store.environments.remove(env.id)
    await store.collections.remove(collection.id)
    expect((await store.trash.list()).map((e) => e.kind).sort()).toEqual(['collection', 'environment'])
    await store.close()

    const raw = new BetterSqlite(path, { readonly: true })
    const versions = raw.prepare('select data_json from item_versions').all() as { data_json: string }[]
    const trash = raw.prepare('select payload_json from trash').all() as { payload_json: string }[]
    raw.close()
    expect(versions.length).toBeGreaterThanOrEqual(6)
    expect(trash).toHaveLength(2)
    for (const text of [...versions.map((v) => v.data_json), ...trash.map((t) => t.payload_json)])
      expect(text).not.toContain(SECRET)
    expect(versions.some((v) => v.data_json.includes('key'))).toBe(true)
  })
})
