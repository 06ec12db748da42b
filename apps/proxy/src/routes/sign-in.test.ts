import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TOKEN_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTestApp, signIn, tempDataDir, TEST_PORT } from '../test/build-test-app.js'
import { Sessions } from '../storage/sessions.js'

const host = `127.0.0.1:${TEST_PORT}`

function builtWebApp(): string {
  const webDist = join(tempDataDir(), 'web')
  mkdirSync(webDist, { recursive: true })
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><html><head><title>Courier</title></head><body><div id="root"></div></body></html>',
  )
  return webDist
}

/** Every string in a page that could be a secret a script would lift: attribute values and long tokens. */
function candidates(html: string): string[] {
  return [
    ...new Set(
      [...html.matchAll(/content="([^"]+)"/g)].map((m) => m[1]!).concat(html.match(/[A-Za-z0-9_-]{20,}/g) ?? []),
    ),
  ]
}

describe('signing a browser in', () => {
  it('gives a local process that fetches / no secret, and no way into the environments', async () => {
    const app = await buildTestApp({ webDist: builtWebApp() })
    const page = await app.inject({ method: 'GET', url: '/', headers: { host, 'user-agent': 'curl/8' } })
    expect(page.headers['set-cookie']).toBeUndefined()
    expect(page.body).not.toContain('courier-token')
    expect(page.body).toContain('courier open')
    for (const token of candidates(page.body)) {
      for (const headers of [{ [TOKEN_HEADER]: token }, { cookie: `courier_session_${TEST_PORT}=${token}` }]) {
        const environments = await app.inject({
          method: 'GET',
          url: '/api/environments',
          headers: { host, ...headers },
        })
        expect(environments.statusCode).toBe(401)
        expect(environments.json().error).toMatchObject({
          code: 'UNAUTHORIZED',
          message: expect.stringContaining('courier open'),
        })
      }
    }
  })

  it('opens a printed link once: a session cookie (HttpOnly, SameSite=Strict, Path=/), then the clean URL', async () => {
    const app = await buildTestApp({ webDist: builtWebApp() })
    const token = await new Sessions(app.store.sessions).mintLoginToken()
    const login = await app.inject({ method: 'GET', url: `/login?token=${token}`, headers: { host } })
    expect(login.statusCode).toBe(200)
    const setCookie = String(login.headers['set-cookie'])
    expect(setCookie).toMatch(
      new RegExp(`^courier_session_${TEST_PORT}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Strict$`),
    )
    expect(login.body).toContain('<meta http-equiv="refresh" content="0; url=/">')
    expect(login.headers['content-security-policy']).toContain("default-src 'none'")
    const cookie = setCookie.split(';')[0]!
    const home = await app.inject({ method: 'GET', url: '/', headers: { host, cookie } })
    expect(home.statusCode).toBe(200)
    const csrf = /name="courier-token" content="([^"]+)"/.exec(home.body)?.[1]
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(home.body).not.toContain(cookie.split('=')[1]) // the page never sees the HttpOnly session token

    // The same link again, in a browser without the cookie: spent.
    const again = await app.inject({ method: 'GET', url: `/login?token=${token}`, headers: { host } })
    expect(again.statusCode).toBe(401)
    expect(again.headers['set-cookie']).toBeUndefined()
    expect(again.body).toContain('courier open')
  })

  it('lets the cookie alone read (img src) but wants the CSRF token for every write', async () => {
    const app = await buildTestApp()
    const { cookie, csrf, page } = await app.signIn()
    const read = await app.inject({
      method: 'GET',
      url: '/api/history',
      headers: { host, cookie, 'sec-fetch-site': 'same-origin' },
    })
    expect(read.statusCode).toBe(200)
    const write = await app.inject({ method: 'DELETE', url: '/api/history', headers: { host, cookie } })
    expect(write.statusCode).toBe(401)
    const wrongCsrf = await app.inject({
      method: 'DELETE',
      url: '/api/history',
      headers: { host, cookie, [TOKEN_HEADER]: `${csrf.slice(1)}x` },
    })
    expect(wrongCsrf.statusCode).toBe(401)
    const csrfWithoutCookie = await app.inject({
      method: 'DELETE',
      url: '/api/history',
      headers: { host, [TOKEN_HEADER]: csrf },
    })
    expect(csrfWithoutCookie.statusCode).toBe(401)
    expect((await page({ method: 'DELETE', url: '/api/history' })).statusCode).toBeLessThan(300)
    const crossSite = await app.inject({
      method: 'GET',
      url: '/api/history',
      headers: { host, cookie, 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.statusCode).toBe(403)
  })

  it('keeps a session through a restart of the server (it lives in the database)', async () => {
    const dataDir = tempDataDir()
    const first = await buildTestApp({ dataDir, token: 'first-process-secret-0123456789abcdef' })
    const browser = await first.signIn()
    await first.close()
    const second = await buildTestApp({ dataDir, token: 'second-process-secret-0123456789abcdef' })
    // The stale page's CSRF token and cookie still work: nothing about the session was in the first process.
    const put = await second.inject({
      method: 'PUT',
      url: '/api/workspace',
      headers: { host, cookie: browser.cookie, [TOKEN_HEADER]: browser.csrf, 'content-type': 'application/json' },
      payload: { tabs: [], activeTabId: null, environmentId: null },
    })
    expect(put.statusCode).toBeLessThan(300)
  })

  it('expires an unused link after a day and an idle session after 30 days', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const app = await buildTestApp({ now: () => now })
    const sessions = new Sessions(app.store.sessions, () => now)
    const late = await sessions.mintLoginToken()
    now += 24 * 60 * 60 * 1000
    expect((await app.inject({ method: 'GET', url: `/login?token=${late}`, headers: { host } })).statusCode).toBe(401)

    const browser = await signIn(app)
    now += 29 * 24 * 60 * 60 * 1000 // used again within 30 days: the idle clock starts over
    expect((await browser.page({ method: 'GET', url: '/api/history' })).statusCode).toBe(200)
    now += 29 * 24 * 60 * 60 * 1000
    expect((await browser.page({ method: 'GET', url: '/api/history' })).statusCode).toBe(200)
    now += 30 * 24 * 60 * 60 * 1000
    expect((await browser.page({ method: 'GET', url: '/api/history' })).statusCode).toBe(401)
  })

  it('stores only hashes of login tokens and sessions', async () => {
    const dataDir = tempDataDir()
    const app = await buildTestApp({ dataDir })
    const browser = await app.signIn()
    const spare = await new Sessions(app.store.sessions).mintLoginToken()
    await app.close()
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(join(dataDir, 'courier.sqlite'), { readonly: true })
    const dump = JSON.stringify([
      db.prepare('select * from sessions').all(),
      db.prepare('select * from login_tokens').all(),
    ])
    db.close()
    expect(dump).not.toContain(browser.cookie.split('=')[1])
    expect(dump).not.toContain(spare)
    expect(dump).toMatch(/[0-9a-f]{64}/)
  })
})
