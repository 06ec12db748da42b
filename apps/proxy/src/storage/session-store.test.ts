import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { tempDataDir } from '../test/build-test-app.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { openStore } from './open-store.js'
import { csrfFor, Sessions, SESSION_IDLE_MS } from './sessions.js'
import type { Store } from './store.js'

/** The sign-in behaviour every dialect must have: single use under a race, expiry, restart. */
function describeSessions(name: string, open: () => Promise<Store>) {
  describe(`sessions (${name})`, () => {
    it('lets exactly one of many concurrent openers spend a login token', async () => {
      const store = await open()
      try {
        const sessions = new Sessions(store.sessions)
        const token = await sessions.mintLoginToken()
        const results = await Promise.all(Array.from({ length: 8 }, () => sessions.signIn(token)))
        expect(results.filter(Boolean)).toHaveLength(1)
        const session = results.find(Boolean)!
        expect(session.csrf).toBe(csrfFor(session.token))
        expect(await sessions.resolve(session.token)).toMatchObject({ token: session.token })
        expect(await sessions.signOut(session.token)).toBe(true)
        expect(await sessions.resolve(session.token)).toBeNull()
      } finally {
        await store.close()
      }
    })

    it('refuses made-up, malformed and expired tokens, and prunes what expired', async () => {
      const store = await open()
      try {
        let now = Date.parse('2026-03-01T00:00:00Z')
        const sessions = new Sessions(store.sessions, () => now)
        expect(await sessions.signIn('A'.repeat(43))).toBeNull()
        expect(await sessions.signIn("' or 1=1 --")).toBeNull()
        expect(await sessions.resolve(undefined)).toBeNull()
        const session = (await sessions.signIn(await sessions.mintLoginToken()))!
        now += SESSION_IDLE_MS
        expect(await sessions.resolve(session.token)).toBeNull()
        expect(await store.sessions.prune(new Date(now).toISOString())).toBeGreaterThanOrEqual(2)
      } finally {
        await store.close()
      }
    })
  })
}

describeSessions('sqlite', () =>
  openStore({ kind: 'sqlite', path: join(tempDataDir(), 'courier.sqlite') }, SecretBox.open(tempDataDir())),
)

// A schema of its own per test: the database may be shared (the machine's, other runs).
describePostgres('on PostgreSQL (TEST_DATABASE_URL)', (url) => {
  describeSessions('postgres', async () => {
    const schema = await freshSchema(url, 'courier_sessions')
    onTestFinished(schema.drop)
    return openStore({ kind: 'postgres', url: schema.url }, SecretBox.open(tempDataDir()))
  })
})
