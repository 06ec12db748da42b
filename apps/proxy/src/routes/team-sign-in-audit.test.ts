import { describe, expect, it } from 'vitest'
import {
  addPerson,
  buildTeamApp,
  NO_POSTGRES_TITLE,
  postSignIn,
  TEAM_DATABASE_URL,
  type TeamApp,
} from '../test/team-kit.js'

/** Server-wide entries (sign-ins, token use) of a person, as admins of any workspace they are in read them. */
async function entriesOf(app: TeamApp, userId: string) {
  const [workspace] = await app.store.memberships.listFor(userId)
  const { items } = await app.store.audit.list(workspace!.id, { limit: 50 })
  return items.filter((e) => e.workspaceId === null)
}

describe.runIf(TEAM_DATABASE_URL)(
  TEAM_DATABASE_URL ? 'sign-ins and token use in the audit log (PostgreSQL)' : NO_POSTGRES_TITLE,
  () => {
    it('records a password sign-in, a failed one (never the password), and a token’s use once an hour', async () => {
      let now = Date.parse('2026-05-01T09:00:00Z')
      const app = await buildTeamApp({ now: () => now })
      const ana = await addPerson(app, 'ana@example.com', 'correct horse battery')
      expect((await postSignIn(app, 'ana@example.com', 'correct horse battery')).statusCode).toBe(303)
      expect((await postSignIn(app, 'ana@example.com', 'wrong horse battery')).statusCode).toBe(401)
      expect((await postSignIn(app, 'nobody@example.com', 'whatever it is')).statusCode).toBe(401)
      const { token } = await app.accounts.createApiToken('ana@example.com', 'CI')
      const me = () =>
        app.inject({ method: 'GET', url: '/api/me', headers: { host: app.host, authorization: `Bearer ${token}` } })
      expect((await me()).statusCode).toBe(200)
      now += 60_000
      expect((await me()).statusCode).toBe(200)

      const entries = await entriesOf(app, ana.id)
      const text = JSON.stringify(entries)
      expect(text).not.toContain('horse')
      expect(text).not.toContain(token)
      const seen = entries
        .map((e) => [
          e.action,
          e.userId,
          (e.detail as { method?: string; email?: string }).method ?? null,
          (e.detail as { email?: string }).email ?? null,
        ])
        .reverse()
      expect(seen).toEqual([
        ['sign-in', ana.id, 'password', null],
        ['sign-in.failed', ana.id, 'password', null],
        ['token.use', ana.id, null, null],
      ])
    })
  },
)
