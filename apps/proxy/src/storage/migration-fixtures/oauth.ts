import { expect } from 'vitest'
import { LATER, T0, type MigrationFixture } from './fixture.js'

const TOKENS = JSON.stringify({ accessToken: 'at-123', refreshToken: 'rt-456', expiresAt: LATER })
const flow = {
  id: '01900000-0000-7000-8000-000000000005',
  state_hash: 'a'.repeat(64),
  binding_hash: 'b'.repeat(64),
  environment_key: 'env-1',
  token_key: 'oauth2:client',
  status: 'pending',
  created_at: T0,
  expires_at: LATER,
  consumed_at: null,
  sealed: '',
  view_json: JSON.stringify({ kind: 'authorization_code' }),
  updated_at: T0,
}

export const oauthFixtures: Record<string, MigrationFixture> = {
  '0004-oauth-tokens': {
    async seed({ db, box }) {
      await db
        .insertInto('oauth_tokens')
        .values({ environment_key: 'env-1', token_key: 'oauth2:client', sealed: box.seal(TOKENS), updated_at: T0 })
        .execute()
    },
    async check(store, { box }) {
      expect(box.open((await store.oauth.getToken('env-1', 'oauth2:client'))!)).toBe(TOKENS)
    },
  },
  '0005-oauth-flows': {
    async seed({ db, box }) {
      await db
        .insertInto('oauth_flows')
        .values({ ...flow, sealed: box.seal('{"verifier":"v-789"}') })
        .execute()
    },
    async check(store, { box }) {
      const found = await store.oauth.findFlowByState(flow.state_hash)
      expect({ ...found, sealed: '' }).toEqual(flow)
      expect(box.open(found!.sealed)).toBe('{"verifier":"v-789"}')
      expect(await store.oauth.consumeFlow(flow.id, LATER)).toBe(true)
    },
  },
}
