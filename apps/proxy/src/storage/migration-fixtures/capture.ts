import { expect } from 'vitest'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from '../migrations/0011-team.js'
import { historyRow } from './history.js'
import { T0, type MigrationFixture } from './fixture.js'

const MOUNT = '01900000-0000-7000-8000-000000000300'
const captured = historyRow('01900000-0000-7000-8000-000000000301', 'http://127.0.0.1:8080/v1/users', 'captured')

export const captureFixtures: Record<string, MigrationFixture> = {
  '0023-capture': {
    async seed({ db, box }) {
      await db
        .insertInto('capture_mounts')
        .values({
          id: MOUNT,
          name: 'shop',
          workspace_id: LOCAL_WORKSPACE_ID,
          user_id: LOCAL_USER_ID,
          data_json: JSON.stringify({
            upstream: 'http://127.0.0.1:8080/v1',
            allowedOrigins: ['http://localhost:5173'],
            environmentId: null,
            enabled: true,
            headersSealed: box.seal(JSON.stringify([['X-Api-Key', '{{key}}']])),
          }),
          version: 1,
          created_at: T0,
          updated_at: T0,
        })
        .execute()
      await db
        .insertInto('history')
        .values({ ...captured.row, capture: 'shop' })
        .execute()
    },
    async check(store) {
      expect(await store.captureMounts.byName('shop')).toMatchObject({
        id: MOUNT,
        upstream: 'http://127.0.0.1:8080/v1',
        headers: [['X-Api-Key', '{{key}}']],
        userId: LOCAL_USER_ID,
      })
      const page = await store.history.list({ limit: 50, capture: 'shop' })
      expect(page.items).toEqual([expect.objectContaining({ id: captured.entry.id, capture: 'shop' })])
      expect((await store.history.list({ limit: 50, capture: 'other' })).items).toEqual([])
    },
  },
}
