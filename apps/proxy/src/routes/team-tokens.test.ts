import { endpoints, TOKEN_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { TOKEN_REFUSED } from '../plugins/security-gate.js'
import {
  addPerson,
  buildTeamApp,
  cookieOf,
  NO_POSTGRES_TITLE,
  postSignIn,
  TEAM_DATABASE_URL,
  type TeamApp,
} from '../test/team-kit.js'

const withToken = (
  app: TeamApp,
  token: string,
  options: { method?: 'GET' | 'POST'; url?: string; body?: unknown } = {},
) =>
  app.inject({
    method: options.method ?? 'GET',
    url: options.url ?? endpoints.me.path,
    headers: {
      host: app.host,
      authorization: `Bearer ${token}`,
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  })

describe.runIf(TEAM_DATABASE_URL)(
  TEAM_DATABASE_URL ? 'team API tokens and people (PostgreSQL)' : NO_POSTGRES_TITLE,
  () => {
    it('lets an API token act for its owner without cookie or CSRF token, records its use, and stops it when revoked', async () => {
      let now = Date.parse('2026-03-01T10:00:00Z')
      const app = await buildTeamApp({ now: () => now })
      const ana = await addPerson(app, 'ana@example.com')
      const { id, token } = await app.accounts.createApiToken('ana@example.com', 'CI')
      expect(token).toMatch(/^courier_[A-Za-z0-9_-]{43}$/)
      const stored = (await app.store.users.apiTokensOf(ana.id))[0]!
      expect(stored.token_hash).not.toContain(token.slice(8))
      expect(stored.last_used_at).toBeNull()

      const me = await withToken(app, token)
      expect(me.statusCode).toBe(200)
      expect(me.json().actor).toEqual({ userId: ana.id, email: 'ana@example.com', name: 'ana', via: 'token' })
      expect((await app.store.users.apiTokensOf(ana.id))[0]!.last_used_at).toBe('2026-03-01T10:00:00.000Z')

      // A state change with the token alone: no cookie is involved, so no CSRF header is needed.
      const collection = await app.store.inWorkspace(me.json().workspaces[0].id).collections.create('Empty')
      const run = await withToken(app, token, {
        method: 'POST',
        url: endpoints.runCollection.path,
        body: { collection: collection.id },
      })
      expect(run.statusCode).toBe(200)
      expect(run.json()).toMatchObject({ collection: 'Empty', steps: [], failed: 0 })

      now += 1000
      expect(await app.accounts.revokeApiToken(id)).toBe(true)
      const revoked = await withToken(app, token)
      expect(revoked.statusCode).toBe(401)
      expect(revoked.json().error).toEqual({ code: 'UNAUTHORIZED', message: TOKEN_REFUSED })
      expect(await app.accounts.revokeApiToken(id)).toBe(false)
    })

    it('refuses unknown and malformed tokens with 401, counting them toward the failure limit', async () => {
      let now = Date.parse('2026-03-01T10:00:00Z')
      const app = await buildTeamApp({ now: () => now })
      await addPerson(app, 'ana@example.com')
      const { token } = await app.accounts.createApiToken('ana@example.com')
      const forged = `courier_${'A'.repeat(43)}`
      for (const presented of [forged, 'short', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')]) {
        const answer = await withToken(app, presented)
        expect(answer.statusCode).toBe(401)
        expect(answer.json().error.code).toBe('UNAUTHORIZED')
      }
      const empty = await app.inject({
        method: 'GET',
        url: endpoints.me.path,
        headers: { host: app.host, authorization: 'Bearer ' },
      })
      expect(empty.statusCode).toBe(401)
      for (let i = 0; i < 26; i++) await withToken(app, forged)
      const limited = await withToken(app, forged)
      expect(limited.statusCode).toBe(429)
      expect(limited.json().error.code).toBe('RATE_LIMITED')
      now += 61_000
      expect((await withToken(app, token)).statusCode).toBe(200)
    })

    it('stops a disabled person at once: their open session, their API token and signing in again', async () => {
      const app = await buildTeamApp()
      await addPerson(app, 'ana@example.com', 'correct horse battery')
      const { token } = await app.accounts.createApiToken('ana@example.com')
      const cookie = cookieOf(await postSignIn(app, 'ana@example.com', 'correct horse battery'))
      const bySession = () => app.inject({ method: 'GET', url: endpoints.me.path, headers: { host: app.host, cookie } })
      expect((await bySession()).statusCode).toBe(200)
      expect((await withToken(app, token)).statusCode).toBe(200)

      await app.accounts.setDisabled('ana@example.com', true)
      expect((await bySession()).statusCode).toBe(401)
      expect((await withToken(app, token)).statusCode).toBe(401)
      const again = await postSignIn(app, 'ana@example.com', 'correct horse battery')
      expect(again.statusCode).toBe(401)
      expect(again.headers['set-cookie']).toBeUndefined()

      await app.accounts.setDisabled('ana@example.com', false)
      expect((await bySession()).statusCode).toBe(200)
    })

    it('gives each session its own person and workspaces, and --owner people the shared Team workspace', async () => {
      const app = await buildTeamApp()
      const { user: owner } = await app.accounts.addUser({ email: 'owner@example.com', owner: true })
      const { user: second, team } = await app.accounts.addUser({ email: 'second@example.com', owner: true })
      await addPerson(app, 'carl@example.com', 'carl’s long password')
      expect(team?.name).toBe('Team')
      expect(await app.store.memberships.roleOf(team!.id, owner.id)).toBe('owner')
      expect(await app.store.memberships.roleOf(team!.id, second.id)).toBe('owner')

      const cookie = cookieOf(await postSignIn(app, 'carl@example.com', 'carl’s long password'))
      const me = await app.inject({ method: 'GET', url: endpoints.me.path, headers: { host: app.host, cookie } })
      expect(me.json().actor.email).toBe('carl@example.com')
      expect(me.json().workspaces.map((w: { name: string }) => w.name)).toEqual(['Personal'])
      // The person's own workspace is where their requests land; Team is not theirs.
      const denied = await app.inject({
        method: 'GET',
        url: '/api/collections',
        headers: { host: app.host, cookie, 'x-courier-workspace': team!.id },
      })
      expect(denied.statusCode).toBe(404)

      await expect(app.accounts.addUser({ email: 'carl@example.com' })).rejects.toThrow(/already has an account/)
      await expect(app.accounts.addUser({ email: 'not-an-email' })).rejects.toThrow(/is not an email address/)
    })

    it('keeps the CSRF rule for sessions: a signed-in browser still needs the page token to change anything', async () => {
      const app = await buildTeamApp()
      await addPerson(app, 'ana@example.com', 'correct horse battery')
      const cookie = cookieOf(await postSignIn(app, 'ana@example.com', 'correct horse battery'))
      const write = (headers: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: endpoints.signOut.path,
          headers: { host: app.host, cookie, 'content-type': 'application/json', ...headers },
          payload: '{}',
        })
      expect((await write({})).statusCode).toBe(401)
      expect((await write({ [TOKEN_HEADER]: 'x'.repeat(43) })).statusCode).toBe(401)
    })
  },
)
