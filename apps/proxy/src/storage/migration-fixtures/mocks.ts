import { expect } from 'vitest'
import { LOCAL_USER_ID, LOCAL_WORKSPACE_ID } from '../migrations/0011-team.js'
import { COLLECTION, T0, type MigrationFixture } from './fixture.js'

const MOCK = '01900000-0000-7000-8000-000000000300'
const CALL = '01900000-0000-7000-8000-000000000301'

export const mockFixtures: Record<string, MigrationFixture> = {
  '0024-mocks': {
    async seed({ db }) {
      const input = {
        name: 'Shop mock',
        source: { kind: 'collection', collectionId: COLLECTION },
        allowedOrigins: ['http://localhost:5173'],
        delayMs: 0,
        routes: [{ route: 'GET /orders', example: 'Some', status: null, delayMs: 100 }],
        enabled: true,
      }
      await db
        .insertInto('mocks')
        .values({
          id: MOCK,
          workspace_id: LOCAL_WORKSPACE_ID,
          user_id: LOCAL_USER_ID,
          data_json: JSON.stringify(input),
          version: 3,
          created_at: T0,
          updated_at: T0,
        })
        .execute()
      const call = {
        id: CALL,
        at: T0,
        method: 'GET',
        path: '/orders?page=2',
        origin: 'http://localhost:5173',
        status: 200,
        route: 'GET /orders',
        example: 'Some',
        note: 'GET /orders answered with example “Some” (the route’s chosen example).',
        durationMs: 101.5,
      }
      await db
        .insertInto('mock_calls')
        .values({ id: CALL, mock_id: MOCK, at: T0, data_json: JSON.stringify(call) })
        .execute()
    },
    async check(store) {
      const mocks = store.mocks.inWorkspace(LOCAL_WORKSPACE_ID, LOCAL_USER_ID)
      expect(await mocks.get(MOCK)).toMatchObject({
        name: 'Shop mock',
        version: 3,
        source: { kind: 'collection', collectionId: COLLECTION },
        routes: [{ route: 'GET /orders', example: 'Some', status: null, delayMs: 100 }],
      })
      expect((await mocks.calls(MOCK))?.map((c) => [c.path, c.status, c.example])).toEqual([
        ['/orders?page=2', 200, 'Some'],
      ])
    },
  },
}
