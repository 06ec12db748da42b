import { expect } from 'vitest'
import { LATER, T0, type MigrationFixture } from './fixture.js'

const STATE_HASH = 'a'.repeat(64)

export const oidcFlowFixtures: Record<string, MigrationFixture> = {
  '0019-oidc-flows': {
    async seed({ db, box }) {
      await db
        .insertInto('oidc_flows')
        .values({
          state_hash: STATE_HASH,
          binding_hash: 'b'.repeat(64),
          sealed: box.seal(JSON.stringify({ verifier: 'v', nonce: 'n' })),
          created_at: T0,
          expires_at: LATER,
        })
        .execute()
    },
    async check(store, { box }) {
      expect(await store.oidcFlows.prune(new Date().toISOString())).toBe(0)
      const flow = await store.oidcFlows.take(STATE_HASH)
      expect(flow).toMatchObject({ binding_hash: 'b'.repeat(64), expires_at: LATER })
      expect(JSON.parse(box.open(flow!.sealed))).toEqual({ verifier: 'v', nonce: 'n' })
      // Taken once: a second callback with the same state finds nothing.
      expect(await store.oidcFlows.take(STATE_HASH)).toBeUndefined()
    },
  },
}
