import { randomBytes } from 'node:crypto'
import { createServer, type AddressInfo } from 'node:net'
import { PassThrough, type Writable } from 'node:stream'
import { request } from 'undici'
import { expect, it, onTestFinished } from 'vitest'
import { describePostgres } from '../test/postgres.js'
import { BrowserClient, formAction } from '../test/browser-client.js'
import { LocalOidcProvider, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } from '../test/oidc-provider-kit.js'
import { addPerson, buildTeamApp, postSignIn, privateSchemaUrl } from '../test/team-kit.js'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { Accounts } from '../team/accounts.js'
import { OidcAccounts, subjectKey } from '../team/oidc-accounts.js'
import type { AppConfig } from '../config.js'

/** A real provider on 127.0.0.1 and a team Courier listening on a real port, registered with each other. */
async function oidcWorld(
  options: { allowedDomains?: string[]; now?: () => number; emailInIdToken?: boolean; logStream?: Writable } = {},
) {
  const idp = await LocalOidcProvider.listen()
  onTestFinished(() => idp.close())
  const overrides: Partial<AppConfig> = {
    oidc: {
      issuer: idp.issuer,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      name: 'Test IdP',
      allowedDomains: options.allowedDomains ?? [],
    },
    ...(options.now ? { now: options.now } : {}),
  }
  const app = await buildTeamApp({ ...overrides, ...(options.logStream ? { logStream: options.logStream } : {}) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const courier = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const callback = `${courier}/sign-in/oidc/callback`
  idp.register(callback, { emailInIdToken: options.emailInIdToken ?? false })

  /** Clicks "Sign in with Test IdP", signs in at the provider as `sub`, consents, and answers where the provider sends the browser back. */
  const toCallback = async (browser: BrowserClient, sub: string): Promise<string> => {
    const stopAt = (url: string) => url.startsWith(callback)
    let seen = await browser.follow(`${courier}/sign-in/oidc`, { stopAt })
    for (let step = 0; !(seen.location && stopAt(seen.location)); step++) {
      if (step === 4)
        throw new Error(`the provider never sent the browser back:\n${seen.status} ${seen.body.slice(0, 400)}`)
      const prompt = /name="prompt" value="(\w+)"/.exec(seen.body)?.[1]
      const form: Record<string, string> =
        prompt === 'login' ? { prompt, login: sub, password: 'anything' } : { prompt: prompt ?? 'consent' }
      seen = await browser.follow(formAction(seen), { form, stopAt })
    }
    return seen.location
  }
  /** The whole sign-in: answers the page Courier showed at the end. */
  const signInAs = async (browser: BrowserClient, sub: string) => browser.follow(await toCallback(browser, sub))
  const me = async (browser: BrowserClient) => {
    const answer = await browser.request(`${courier}/api/me`)
    return { status: answer.status, json: JSON.parse(answer.body) as { actor?: { userId: string; email: string } } }
  }
  return { idp, app, courier, toCallback, signInAs, me }
}

const fresh = () => new BrowserClient()

describePostgres('team sign-in with OpenID Connect', () => {
  it('walks the whole flow: the button, the provider’s login and consent, the callback, a session that is that person', async () => {
    const logStream = new PassThrough()
    let logs = ''
    logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()))
    const world = await oidcWorld({ logStream })
    const ana = await addPerson(world.app, 'ana@example.com')
    world.idp.accounts.set('ana-at-idp', { email: 'ana@example.com', email_verified: true, name: 'Ana' })

    const browser = fresh()
    const signInPage = await browser.request(`${world.courier}/sign-in`)
    expect(signInPage.body).toContain('<a class="button" href="/sign-in/oidc">Sign in with Test IdP</a>')

    const start = await browser.request(`${world.courier}/sign-in/oidc`)
    expect(start.status).toBe(303)
    const authorize = new URL(start.location!)
    expect(authorize.origin).toBe(world.idp.issuer)
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: OIDC_CLIENT_ID,
      redirect_uri: `${world.courier}/sign-in/oidc/callback`,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    })
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(authorize.searchParams.get('nonce')).toBeTruthy()
    expect(browser.cookie(world.courier, 'courier_oidc')).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const callback = new URL(await world.toCallback(browser, 'ana-at-idp'))
    const done = await browser.follow(callback.href)
    expect(done.status).toBe(200)
    expect(done.body).toContain('<meta http-equiv="refresh" content="0;url=/">')
    expect(browser.cookie(world.courier, 'courier_session')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(browser.cookie(world.courier, 'courier_oidc')).toBeUndefined()
    const me = await world.me(browser)
    expect(me.status).toBe(200)
    expect(me.json.actor).toMatchObject({ userId: ana.id, email: 'ana@example.com', via: 'session' })

    // The identity is linked; the sign-in is in the audit log like a password one.
    expect((await world.app.store.users.get(ana.id))?.oidc_subject).toBe(
      subjectKey({ issuer: world.idp.issuer, subject: 'ana-at-idp' }),
    )
    expect(await world.app.store.audit.latest('sign-in', ana.id)).toBeDefined()

    // The log names the routes, never the code, the state, the client secret or the session.
    expect(logs).toContain('/sign-in/oidc/callback')
    for (const secret of [
      callback.searchParams.get('code')!,
      callback.searchParams.get('state')!,
      OIDC_CLIENT_SECRET,
      browser.cookie(world.courier, 'courier_session')!,
    ])
      expect(logs).not.toContain(secret)
  }, 60_000)

  it('keeps a disabled person out, even with a linked identity', async () => {
    const world = await oidcWorld()
    const ana = await addPerson(world.app, 'ana@example.com')
    world.idp.accounts.set('ana', { email: 'ana@example.com', email_verified: true })
    expect((await world.signInAs(fresh(), 'ana')).status).toBe(200)
    await world.app.accounts.setDisabled('ana@example.com', true)
    const browser = fresh()
    const refused = await world.signInAs(browser, 'ana')
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('The Courier account for ana@example.com is disabled. Ask your Courier admin.')
    expect(browser.cookie(world.courier, 'courier_session')).toBeUndefined()
    expect((await world.app.store.users.get(ana.id))?.disabled_at).not.toBeNull()
  }, 60_000)

  it('signs a linked person in by sub on later sign-ins, even after their email changed at the provider', async () => {
    const world = await oidcWorld({ emailInIdToken: true })
    const ana = await addPerson(world.app, 'ana@example.com')
    world.idp.accounts.set('ana-at-idp', { email: 'ana@example.com', email_verified: true })
    expect((await world.signInAs(fresh(), 'ana-at-idp')).status).toBe(200)

    // At the provider Ana is now someone else by email: a different, even unverified, address.
    world.idp.accounts.set('ana-at-idp', { email: 'ana.new@elsewhere.example', email_verified: false })
    const later = fresh()
    expect((await world.signInAs(later, 'ana-at-idp')).status).toBe(200)
    expect((await world.me(later)).json.actor).toMatchObject({ userId: ana.id, email: 'ana@example.com' })

    // And someone else who now claims Ana's old email at the provider does not become Ana.
    world.idp.accounts.set('mallory', { email: 'ana@example.com', email_verified: true })
    const mallory = fresh()
    const refused = await world.signInAs(mallory, 'mallory')
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('already signs in with another Test IdP identity')
    expect(mallory.cookie(world.courier, 'courier_session')).toBeUndefined()
  }, 60_000)

  it('refuses an unknown person with a sentence on the sign-in page, and makes no account', async () => {
    const world = await oidcWorld()
    world.idp.accounts.set('ben', { email: 'ben@example.com', email_verified: true })
    const browser = fresh()
    const refused = await world.signInAs(browser, 'ben')
    expect(refused.status).toBe(403)
    expect(refused.body).toContain(
      '<p class="error" role="alert">No Courier account for ben@example.com — ask an admin to add you (courier users add ben@example.com).</p>',
    )
    expect(refused.body).toContain('Sign in with Test IdP')
    expect(browser.cookie(world.courier, 'courier_session')).toBeUndefined()
    expect(await world.app.store.users.byEmail('ben@example.com')).toBeUndefined()
    expect((await world.me(browser)).status).toBe(401)
  }, 60_000)

  it('never links an unverified email, even to an existing person', async () => {
    const world = await oidcWorld({ allowedDomains: ['example.com'] })
    const cara = await addPerson(world.app, 'cara@example.com')
    world.idp.accounts.set('cara', { email: 'cara@example.com', email_verified: false })
    world.idp.accounts.set('dora', { email: 'dora@example.com', email_verified: false })
    for (const sub of ['cara', 'dora']) {
      const browser = fresh()
      const refused = await world.signInAs(browser, sub)
      expect(refused.status).toBe(403)
      expect(refused.body).toContain(`Test IdP has not confirmed that ${sub}@example.com is your email address`)
      expect(browser.cookie(world.courier, 'courier_session')).toBeUndefined()
    }
    expect((await world.app.store.users.get(cara.id))?.oidc_subject).toBeNull()
    // Even an allowed domain makes no account for an unverified email.
    expect(await world.app.store.users.byEmail('dora@example.com')).toBeUndefined()
  }, 60_000)

  it('makes an account for a verified email of an allowed domain, and only there', async () => {
    const world = await oidcWorld({ allowedDomains: ['newco.example'] })
    world.idp.accounts.set('dan', { email: 'Dan@NewCo.example', email_verified: true, name: 'Dan D.' })
    world.idp.accounts.set('eve', { email: 'eve@newco.example.evil', email_verified: true })
    const dan = fresh()
    expect((await world.signInAs(dan, 'dan')).status).toBe(200)
    const me = await world.app.store.users.byEmail('dan@newco.example')
    expect(me).toMatchObject({ name: 'Dan D.', password_hash: null })
    expect((await world.me(dan)).json.actor).toMatchObject({ userId: me!.id })
    expect(await world.app.store.memberships.listFor(me!.id)).toEqual([
      expect.objectContaining({ kind: 'personal', role: 'owner' }),
    ])
    expect((await world.signInAs(fresh(), 'eve')).body).toContain('No Courier account for eve@newco.example.evil')
  }, 60_000)

  it('makes one account when several first sign-ins of one person arrive at once', async () => {
    const app = await buildTeamApp()
    const oidc = new OidcAccounts(app.store, app.accounts, { name: 'Test IdP', allowedDomains: ['newco.example'] })
    // Several rounds: the interleavings differ from one to the next.
    for (let round = 0; round < 5; round++) {
      const identity = {
        issuer: 'https://idp.test',
        subject: `dan-${round}`,
        email: `dan${round}@newco.example`,
        emailVerified: true,
      }
      const outcomes = await Promise.all([1, 2, 3, 4].map(() => oidc.signIn(identity)))
      const ids = new Set(outcomes.map((outcome) => (outcome.ok ? outcome.user.id : outcome.message)))
      expect(ids.size).toBe(1)
      expect(await app.store.users.bySubject(subjectKey(identity))).toMatchObject({
        id: [...ids][0],
        email: identity.email,
      })
    }
  }, 60_000)

  it('refuses a replayed, forged or other browser’s state, and a flow older than 10 minutes', async () => {
    let now = Date.now()
    const world = await oidcWorld({ now: () => now })
    await addPerson(world.app, 'ana@example.com')
    world.idp.accounts.set('ana', { email: 'ana@example.com', email_verified: true })

    // Replayed: the callback that signed Ana in, again with the same browser binding.
    const browser = fresh()
    const callback = await world.toCallback(browser, 'ana')
    const binding = browser.cookie(world.courier, 'courier_oidc')!
    expect((await browser.follow(callback)).status).toBe(200)
    const replayer = fresh()
    replayer.jar(world.courier).set('courier_oidc', binding)
    const replayed = await replayer.follow(callback)
    expect(replayed.status).toBe(400)
    expect(replayed.body).toContain('This sign-in was already finished, or did not start here.')
    expect(replayer.cookie(world.courier, 'courier_session')).toBeUndefined()

    // Forged: a state Courier never made.
    const forged = await fresh().request(
      `${world.courier}/sign-in/oidc/callback?code=abc&state=${randomBytes(32).toString('base64url')}`,
    )
    expect(forged.status).toBe(400)
    expect(forged.body).toContain('did not start here')

    // Another browser's callback (login CSRF): refused, and spent for the first browser too.
    const victim = fresh()
    const stolen = await world.toCallback(fresh(), 'ana')
    const planted = await victim.follow(stolen)
    expect(planted.status).toBe(400)
    expect(planted.body).toContain('This sign-in started in another browser')
    expect(victim.cookie(world.courier, 'courier_session')).toBeUndefined()

    // Too slow: the flow expired while the person was at the provider.
    const slow = fresh()
    const late = await world.toCallback(slow, 'ana')
    now += 10 * 60 * 1000 + 1
    const expired = await slow.follow(late)
    expect(expired.status).toBe(400)
    expect(expired.body).toContain(
      'This sign-in took longer than 10 minutes. Start again with “Sign in with Test IdP”.',
    )
    expect(slow.cookie(world.courier, 'courier_session')).toBeUndefined()
  }, 60_000)

  it('shows the provider’s refusal (access_denied) as a sentence on the sign-in page', async () => {
    const world = await oidcWorld()
    const browser = fresh()
    const login = await browser.follow(`${world.courier}/sign-in/oidc`)
    const uid = /\/interaction\/([^/"?]+)/.exec(formAction(login))![1]
    const cancelled = await browser.follow(`${world.idp.issuer}/interaction/${uid}/abort`)
    expect(cancelled.url).toContain('/sign-in/oidc/callback?error=access_denied')
    expect(cancelled.status).toBe(403)
    expect(cancelled.body).toContain(
      'Test IdP did not let you sign in (you cancelled, or you may not use Courier there).',
    )
  }, 60_000)

  it('says so on the sign-in page when the provider cannot be reached, and tries again next time', async () => {
    const gone = await LocalOidcProvider.listen()
    await gone.close()
    const app = await buildTeamApp({
      oidc: {
        issuer: gone.issuer,
        clientId: OIDC_CLIENT_ID,
        clientSecret: OIDC_CLIENT_SECRET,
        name: 'Test IdP',
        allowedDomains: [],
      },
    })
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await app.inject({ method: 'GET', url: '/sign-in/oidc', headers: { host: app.host } })
      expect(answer.statusCode).toBe(502)
      expect(answer.body).toContain(`Courier could not reach Test IdP to sign you in (${gone.issuer}: `)
      expect(answer.headers['set-cookie']).toBeUndefined()
    }
  }, 60_000)

  it('counts bad states toward the failure limiter: past it, even starting waits', async () => {
    const world = await oidcWorld()
    const browser = fresh()
    const bad = () =>
      browser.request(`${world.courier}/sign-in/oidc/callback?state=${randomBytes(32).toString('base64url')}`)
    for (let i = 0; i < 30; i++) expect((await bad()).status).toBe(400)
    const limited = await bad()
    expect(limited.status).toBe(429)
    expect(limited.body).toContain('Too many failed attempts')
    expect((await browser.request(`${world.courier}/sign-in/oidc`)).status).toBe(429)
  }, 60_000)

  it('audits password sign-ins the same way', async () => {
    const world = await oidcWorld()
    const ana = await addPerson(world.app, 'ana@example.com', 'correct horse battery')
    expect(await world.app.store.audit.latest('sign-in', ana.id)).toBeUndefined()
    const answer = await postSignIn(world.app, 'ana@example.com', 'correct horse battery', {
      host: new URL(world.courier).host,
      origin: world.courier,
    })
    expect(answer.statusCode).toBe(303)
    expect(await world.app.store.audit.latest('sign-in', ana.id)).toBeDefined()
  }, 60_000)

  it('finishes on another instance than the one that started it, once', async () => {
    // Two instances on one database and data key behind one address, as behind a load balancer:
    // the browser's callback may reach either.
    const reserve = createServer()
    await new Promise<void>((resolve) => reserve.listen(0, '127.0.0.1', resolve))
    const port = (reserve.address() as AddressInfo).port
    await new Promise<void>((resolve) => reserve.close(() => resolve()))
    const publicUrl = `http://127.0.0.1:${port}`
    const idp = await LocalOidcProvider.listen()
    onTestFinished(() => idp.close())
    const shared = {
      team: true,
      publicUrl,
      dataDir: tempDataDir(),
      database: { kind: 'postgres' as const, url: await privateSchemaUrl() },
      oidc: {
        issuer: idp.issuer,
        clientId: OIDC_CLIENT_ID,
        clientSecret: OIDC_CLIENT_SECRET,
        name: 'Test IdP',
        allowedDomains: [],
      },
    }
    const one = await buildTestApp(shared)
    await one.listen({ port, host: '127.0.0.1' })
    const two = await buildTestApp(shared)
    await two.listen({ port: 0, host: '127.0.0.1' })
    idp.register(`${publicUrl}/sign-in/oidc/callback`)
    const { user: ana } = await new Accounts(one.store).addUser({ email: 'ana@example.com' })
    idp.accounts.set('ana', { email: 'ana@example.com', email_verified: true })

    const browser = fresh()
    const stopAt = (url: string) => url.startsWith(`${publicUrl}/sign-in/oidc/callback`)
    let seen = await browser.follow(`${publicUrl}/sign-in/oidc`, { stopAt })
    seen = await browser.follow(formAction(seen), { form: { prompt: 'login', login: 'ana', password: 'x' }, stopAt })
    seen = await browser.follow(formAction(seen), { form: { prompt: 'consent' }, stopAt })
    const callback = new URL(seen.location!)
    const binding = browser.cookie(publicUrl, 'courier_oidc')!
    const onTwo = (url: URL) =>
      request(`http://127.0.0.1:${(two.server.address() as AddressInfo).port}${url.pathname}${url.search}`, {
        headers: { host: url.host, cookie: `courier_oidc=${binding}` },
      })
    const answer = await onTwo(callback)
    expect(answer.statusCode).toBe(200)
    await answer.body.text()
    const session = String(answer.headers['set-cookie']).match(/courier_session=([A-Za-z0-9_-]{43})/)?.[1]
    expect(session).toBeDefined()
    const me = await request(`${publicUrl}/api/me`, { headers: { cookie: `courier_session=${session}` } })
    expect(((await me.body.json()) as { actor: { userId: string } }).actor.userId).toBe(ana.id)
    // Taken on instance two, the flow is gone for instance one as well.
    const replay = await browser.request(callback.href)
    expect(replay.status).toBe(400)
  }, 60_000)
})
