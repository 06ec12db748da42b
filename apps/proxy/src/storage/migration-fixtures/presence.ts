import { expect } from 'vitest'
import { LATER, type MigrationFixture } from './fixture.js'

export const presenceFixtures: Record<string, MigrationFixture> = {
  '0013-presence': {
    async seed({ db }) {
      await db
        .insertInto('presence')
        .values({ workspace_id: 'w1', user_id: 'u1', client_id: 'c1', name: 'Ann', item_id: 'i1', expires_at: LATER })
        .execute()
    },
    async check(store) {
      expect(await store.presence.viewers('w1', new Date('2030-01-01T00:00:00.000Z'))).toEqual([
        expect.objectContaining({ name: 'Ann', itemId: 'i1' }),
      ])
    },
  },
}
