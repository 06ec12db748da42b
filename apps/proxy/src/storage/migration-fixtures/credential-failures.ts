import { expect } from 'vitest'
import type { MigrationFixture } from './fixture.js'

const RECENT = '01900000-0000-7000-8000-000000000180'
const OLD = '01900000-0000-7000-8000-000000000181'

export const credentialFailureFixtures: Record<string, MigrationFixture> = {
  '0018-credential-failures': {
    async seed({ db }) {
      const now = Date.now()
      await db
        .insertInto('credential_failures')
        .values([
          { id: RECENT, client: '203.0.113.9', at: new Date(now - 10_000).toISOString() },
          { id: OLD, client: '203.0.113.9', at: new Date(now - 3_600_000).toISOString() },
        ])
        .execute()
    },
    async check(store) {
      const now = Date.now()
      // The failure of the last minute still counts; the old one does not, and goes with the next failure.
      expect(await store.failures.count('203.0.113.9', now - 59_999)).toBe(1)
      expect(await store.failures.add('203.0.113.9', now, now - 59_999)).toBe(2)
      expect(await store.failures.count('203.0.113.9', 0)).toBe(2)
      expect(await store.failures.count('198.51.100.7', 0)).toBe(0)
    },
  },
}
