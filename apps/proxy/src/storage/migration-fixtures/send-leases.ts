import { expect } from 'vitest'
import { LATER, T0, type MigrationFixture } from './fixture.js'

const LEASE = '01900000-0000-7000-8000-000000000160'

export const sendLeaseFixtures: Record<string, MigrationFixture> = {
  '0016-send-leases': {
    async seed({ db }) {
      await db
        .insertInto('send_leases')
        .values({ id: LEASE, user_id: 'local', started_at: T0, expires_at: LATER, ended_at: null })
        .execute()
    },
    async check(store) {
      // The unfinished lease still holds: with one send at once allowed, the next is refused.
      const limits = { sendsPerMinute: 100, concurrentSends: 1 }
      expect(await store.sendLeases.acquire('local', limits, Date.now(), 60_000)).toMatchObject({
        ok: false,
        limit: 'concurrent',
        count: 1,
      })
      await store.sendLeases.release(LEASE, Date.now())
      expect(await store.sendLeases.acquire('local', limits, Date.now(), 60_000)).toMatchObject({ ok: true })
    },
  },
}
