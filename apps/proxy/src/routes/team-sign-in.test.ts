import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { endpoints, TOKEN_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/build-test-app.js'
import { SIGN_IN_FAILED } from '../plugins/team-pages.js'
import {
  addPerson,
  buildTeamApp,
  cookieOf,
  NO_POSTGRES_TITLE,
  postSignIn,
  TEAM_DATABASE_URL,
  type TeamApp,
} from '../test/team-kit.js'

function builtWebApp(): string {
  const webDist = join(tempDataDir(), 'web')
  mkdirSync(webDist, { recursive: true })
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><html><head><title>Courier</title></head><body></body></html>',
  )
  return webDist
}

const formPost = (app: TeamApp, url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: {
      host: app.host,
      origin: app.origin,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    payload: new URLSearchParams(fields).toString(),
  })

describe.runIf(TEAM_DATABASE_URL)(TEAM_DATABASE_URL ? 'team sign-in (PostgreSQL)' : NO_POSTGRES_TITLE, () => {
  it('signs a person in with email and password: a session cookie naming them, then the app at /', async () => {
    const app = await buildTeamApp({ webDist: builtWebApp() })
    const ana = await addPerson(app, 'Ana@Example.com', 'correct horse battery')

    const page = await app.inject({ method: 'GET', url: '/sign-in', headers: { host: app.host } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/<label for="email">Email<\/label><input id="email" name="email" type="email"/)
    expect(page.body).toMatch(/<label for="password">Password<\/label><input id="password"/)
    expect(page.body).toContain('<button type="submit">Sign in</button>')
    expect(page.headers['content-security-policy']).toContain("form-action 'self'")
    // A browser posts the form with its real Origin only under this policy (no-referrer makes it "null").
    expect(page.headers['referrer-policy']).toBe('same-origin')

    const signedIn = await postSignIn(app, 'ana@example.com', 'correct horse battery')
    expect(signedIn.statusCode).toBe(303)
    expect(signedIn.headers.location).toBe('/')
    expect(String(signedIn.headers['set-cookie'])).toMatch(
      /^courier_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    )
    const cookie = cookieOf(signedIn)

    const home = await app.inject({ method: 'GET', url: '/', headers: { host: app.host, cookie } })
    expect(home.statusCode).toBe(200)
    const csrf = /name="courier-token" content="([^"]+)"/.exec(home.body)?.[1]
    expect(csrf).toBeDefined()

    const me = await app.inject({ method: 'GET', url: endpoints.me.path, headers: { host: app.host, cookie } })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({
      team: true,
      actor: { userId: ana.id, email: 'ana@example.com', name: 'ana', via: 'session' },
      workspaces: [{ name: 'Personal', kind: 'personal', role: 'owner' }],
    })

    // Sign out: the session ends on the server, not only in this browser.
    const out = await app.inject({
      method: 'POST',
      url: endpoints.signOut.path,
      headers: { host: app.host, cookie, [TOKEN_HEADER]: csrf!, 'content-type': 'application/json' },
      payload: '{}',
    })
    expect(out.statusCode).toBe(200)
    expect(String(out.headers['set-cookie'])).toMatch(/^courier_session=; Path=\/; Max-Age=0/)
    const after = await app.inject({ method: 'GET', url: endpoints.me.path, headers: { host: app.host, cookie } })
    expect(after.statusCode).toBe(401)
    expect(after.json().error.message).toContain(`${app.origin}/sign-in`)
  })

  it('answers a wrong password and an unknown email with the same sentence, and no session', async () => {
    const app = await buildTeamApp()
    await addPerson(app, 'ana@example.com', 'correct horse battery')
    const wrong = await postSignIn(app, 'ana@example.com', 'not her password')
    const unknown = await postSignIn(app, 'nobody@example.com', 'not her password')
    for (const answer of [wrong, unknown]) {
      expect(answer.statusCode).toBe(401)
      expect(answer.headers['set-cookie']).toBeUndefined()
      expect(answer.body).toContain(`<p class="error" role="alert">${SIGN_IN_FAILED}</p>`)
    }
    expect(wrong.body.replace('ana@example.com', 'X')).toBe(unknown.body.replace('nobody@example.com', 'X'))
  })

  it('counts failed sign-ins: past the limit even the right password waits', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const app = await buildTeamApp({ now: () => now })
    await addPerson(app, 'ana@example.com', 'correct horse battery')
    for (let i = 0; i < 30; i++) expect((await postSignIn(app, 'ana@example.com', `guess ${i}`)).statusCode).toBe(401)
    const limited = await postSignIn(app, 'ana@example.com', 'guess 31')
    expect(limited.statusCode).toBe(429)
    expect(limited.body).toContain('Too many failed attempts')
    // While the limit holds, the right password is not even checked: guessing cannot go on unseen.
    const right = await postSignIn(app, 'ana@example.com', 'correct horse battery')
    expect(right.statusCode).toBe(429)
    expect(right.headers['set-cookie']).toBeUndefined()
    now += 61_000
    expect((await postSignIn(app, 'ana@example.com', 'correct horse battery')).statusCode).toBe(303)
  }, 60_000)

  it('limits failures per client: one address guessing does not lock the others out', async () => {
    const app = await buildTeamApp({ trustProxy: true })
    await addPerson(app, 'ana@example.com', 'correct horse battery')
    const from = (ip: string) => ({ 'x-forwarded-for': ip })
    for (let i = 0; i < 30; i++) await postSignIn(app, 'ana@example.com', `guess ${i}`, from('203.0.113.9'))
    expect((await postSignIn(app, 'ana@example.com', 'guess 31', from('203.0.113.9'))).statusCode).toBe(429)
    expect((await postSignIn(app, 'ana@example.com', 'correct horse battery', from('198.51.100.7'))).statusCode).toBe(
      303,
    )
  }, 60_000)

  it('refuses a sign-in form posted from another site, or with no Origin at all', async () => {
    const app = await buildTeamApp()
    await addPerson(app, 'ana@example.com', 'correct horse battery')
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      { origin: app.origin, 'sec-fetch-site': 'cross-site' },
    ]) {
      const answer = await postSignIn(app, 'ana@example.com', 'correct horse battery', headers)
      expect(answer.statusCode).toBe(403)
      expect(answer.headers['set-cookie']).toBeUndefined()
    }
    const bare = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { host: app.host, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=ana%40example.com&password=correct+horse+battery',
    })
    expect(bare.statusCode).toBe(403)
    expect(bare.headers['set-cookie']).toBeUndefined()
  })

  it('sends a browser without a session to the sign-in page, and login links do not sign anyone in', async () => {
    const app = await buildTeamApp({ webDist: builtWebApp() })
    const home = await app.inject({ method: 'GET', url: '/', headers: { host: app.host, accept: 'text/html' } })
    expect(home.statusCode).toBe(303)
    expect(home.headers.location).toBe('/sign-in')
    const link = await app.inject({ method: 'GET', url: '/login?token=x', headers: { host: app.host } })
    expect(link.statusCode).toBe(303)
    expect(link.headers.location).toBe('/sign-in')
    expect(link.headers['set-cookie']).toBeUndefined()
  })

  it('uses a set-password link once, within 24 hours, and keeps it when the password is refused', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const app = await buildTeamApp({ now: () => now })
    const { passwordToken } = await app.accounts.addUser({ email: 'ben@example.com', name: 'Ben' })
    const url = `/set-password?token=${passwordToken}`

    const page = await app.inject({ method: 'GET', url, headers: { host: app.host } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('ben@example.com')
    expect(page.body).toContain('<label for="password">Password</label>')
    expect(page.body).toContain('<label for="confirm">Confirm password</label>')

    const short = await formPost(app, '/set-password', { token: passwordToken, password: 'short', confirm: 'short' })
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('at least 10 characters')
    const differ = await formPost(app, '/set-password', {
      token: passwordToken,
      password: 'a long enough password',
      confirm: 'a long enough passw0rd',
    })
    expect(differ.body).toContain('The two passwords differ')

    now += 23 * 60 * 60 * 1000 // still within the day
    const set = await formPost(app, '/set-password', {
      token: passwordToken,
      password: 'a long enough password',
      confirm: 'a long enough password',
    })
    expect(set.statusCode).toBe(303)
    expect(set.headers.location).toBe('/sign-in?done=password')
    expect(set.headers['set-cookie']).toBeUndefined()
    const done = await app.inject({ method: 'GET', url: '/sign-in?done=password', headers: { host: app.host } })
    expect(done.body).toContain('Your password is set')
    expect((await postSignIn(app, 'ben@example.com', 'a long enough password')).statusCode).toBe(303)

    // Spent: neither the page nor the form takes it again, so nobody who finds it later can reset the password.
    expect((await app.inject({ method: 'GET', url, headers: { host: app.host } })).statusCode).toBe(410)
    const again = await formPost(app, '/set-password', {
      token: passwordToken,
      password: 'another long password',
      confirm: 'another long password',
    })
    expect(again.statusCode).toBe(410)
    expect(again.body).toContain('already used, has expired')
    expect((await postSignIn(app, 'ben@example.com', 'another long password')).statusCode).toBe(401)

    // A fresh link expires 24 hours after it was made.
    const fresh = await app.accounts.passwordLink((await app.store.users.byEmail('ben@example.com'))!.id)
    now += 24 * 60 * 60 * 1000 + 1
    const late = await formPost(app, '/set-password', {
      token: fresh,
      password: 'another long password',
      confirm: 'another long password',
    })
    expect(late.statusCode).toBe(410)
    const stored = await app.store.users.byEmail('ben@example.com')
    expect(stored!.password_hash).toMatch(/^\$argon2id\$/)
  }, 60_000)
})
