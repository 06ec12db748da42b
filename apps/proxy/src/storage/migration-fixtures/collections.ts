import { GLOBALS_ID } from '@courier/shared'
import { expect } from 'vitest'
import { COLLECTION, ENVIRONMENT, FOLDER, ITEM, request, T0, type MigrationFixture } from './fixture.js'

export const collectionFixtures: Record<string, MigrationFixture> = {
  '0006-collections': {
    async seed({ db, box }) {
      const variables = [
        { name: 'base', value: 'https://api.test', enabled: true, secret: false },
        { name: 'apiKey', value: box.seal('k-secret'), enabled: true, secret: true },
      ]
      const inheritable = { description: 'Orders API', auth: { type: 'inherit' }, headers: [], variables }
      await db
        .insertInto('collections')
        .values({
          id: COLLECTION,
          name: 'Orders',
          data_json: JSON.stringify(inheritable),
          position: 1,
          version: 3,
          updated_at: T0,
        })
        .execute()
      const item = { collection_id: COLLECTION, version: 1, updated_at: T0 }
      const { captures: _, ...firstRelease } = request // saved request schema 1 had no captures
      await db
        .insertInto('collection_items')
        .values([
          { ...item, id: FOLDER, parent_id: null, kind: 'folder', name: 'Admin', position: 1, data_json: '{}' },
          {
            ...item,
            id: ITEM,
            parent_id: FOLDER,
            kind: 'request',
            name: 'Create order',
            position: 1,
            data_json: JSON.stringify({ schemaVersion: 1, request: firstRelease }),
          },
        ])
        .execute()
    },
    async check(store) {
      const tree = await store.collections.get(COLLECTION)
      expect(tree).toMatchObject({ name: 'Orders', description: 'Orders API', version: 3 })
      expect(tree!.variables.map((v) => [v.name, v.value])).toEqual([
        ['base', 'https://api.test'],
        ['apiKey', 'k-secret'],
      ])
      expect(tree!.items.map((item) => [item.id, item.kind, item.parentId])).toEqual([
        [FOLDER, 'folder', null],
        [ITEM, 'request', FOLDER],
      ])
      const saved = await store.collections.getItem(ITEM)
      expect(saved).toMatchObject({ kind: 'request', name: 'Create order', request: { ...request, captures: [] } })
    },
  },
  '0007-environments': {
    async seed({ db, box }) {
      const variables = [
        { name: 'host', value: 'staging.api.test', enabled: true, secret: false },
        { name: 'password', value: box.seal('p@ss'), enabled: true, secret: true },
        { name: 'unset', value: '', enabled: false, secret: true },
      ]
      await db
        .insertInto('environments')
        .values([
          {
            id: ENVIRONMENT,
            name: 'Staging',
            variables_json: JSON.stringify(variables),
            position: 1,
            version: 2,
            updated_at: T0,
          },
          { id: GLOBALS_ID, name: 'Globals', variables_json: '[]', position: -1, version: 1, updated_at: T0 },
        ])
        .execute()
    },
    async check(store) {
      const staging = await store.environments.get(ENVIRONMENT)
      expect(staging).toMatchObject({ name: 'Staging', version: 2 })
      expect(staging!.variables).toEqual([
        { name: 'host', value: 'staging.api.test', enabled: true, secret: false },
        { name: 'password', value: 'p@ss', enabled: true, secret: true },
        { name: 'unset', value: '', enabled: false, secret: true },
      ])
      expect((await store.environments.list()).map((e) => e.id)).toEqual([GLOBALS_ID, ENVIRONMENT])
    },
  },
}
