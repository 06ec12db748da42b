import { expect } from 'vitest'
import { LATER, T0, type MigrationFixture } from './fixture.js'

const LOGIN = 'c'.repeat(64)
const SESSION = 'd'.repeat(64)

export const sessionFixtures: Record<string, MigrationFixture> = {
  '0010-sessions': {
    async seed({ db }) {
      await db
        .insertInto('login_tokens')
        .values({ token_hash: LOGIN, subject: null, created_at: T0, expires_at: LATER, consumed_at: null })
        .execute()
      await db
        .insertInto('sessions')
        .values({ token_hash: SESSION, subject: null, created_at: T0, last_used_at: T0, expires_at: LATER })
        .execute()
    },
    async check(store) {
      expect(await store.sessions.findSession(SESSION, T0)).toEqual({
        token_hash: SESSION,
        subject: null,
        created_at: T0,
        last_used_at: T0,
        expires_at: LATER,
      })
      expect(await store.sessions.consumeLoginToken(LOGIN, T0)).toBe(true)
    },
  },
}
