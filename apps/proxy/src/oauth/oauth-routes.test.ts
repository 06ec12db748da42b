import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildTestApp, TEST_PORT } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'
import { authorize, callback, jwtPayload, startFlow, startIdp, storedToken, type Flow } from '../test/oauth-test-kit.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('authorization code with PKCE, captured at /oauth/callback', () => {
  it('exchanges the code on the server and stores a verified token the next send uses', async () => {
    const { server, issuer } = await startIdp()
    const app = await buildTestApp()
    const config = { grant: 'authorization_code_pkce', issuer, clientId: 'courier-app', scope: 'openid profile' }
    const { flow, cookie } = await startFlow(app, config)
    expect(flow.status).toBe('waiting')
    const authorizeUrl = new URL(flow.authorizeUrl!)
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${TEST_PORT}/oauth/callback`)
    expect(authorizeUrl.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(cookie).toMatch(/^courier_oauth_\d+_[0-9a-f]{32}=/)

    let verifierSeen = ''
    server.service.once('beforeTokenSigning', (_token, request) => {
      verifierSeen = (request.body as Record<string, string>).code_verifier ?? ''
    })
    const page = await callback(app, await authorize(flow), cookie)
    expect(page.statusCode).toBe(200)
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'sha256-/)
    expect(page.headers['set-cookie']).toMatch(/Max-Age=0/)
    expect(page.body).toContain('data-mode="done"')

    // The verifier reached the provider from the server, and no answer to the browser holds it.
    expect(verifierSeen).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(createHash('sha256').update(verifierSeen).digest('base64url')).toBe(
      authorizeUrl.searchParams.get('code_challenge'),
    )
    const done = (await app.api({ method: 'GET', url: `/api/oauth/flows/${flow.id}` })).json() as Flow
    expect(JSON.stringify(done)).not.toContain(verifierSeen)
    expect(page.body).not.toContain(verifierSeen)
    expect(done.status).toBe('completed')
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([
      ['discovery', 'done'],
      ['authorize', 'done'],
      ['callback', 'done'],
      ['state', 'done'],
      ['token', 'done'],
      ['verify', 'done'],
    ])
    expect(done.token!.accessJwt!.signature.status).toBe('verified')
    expect(done.token!.accessToken).toMatch(/^eyJ.{5}….{4}$/)

    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const sent = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: upstream.url('/me'), auth: { type: 'oauth2', config } } },
    })
    expect(sent.statusCode).toBe(200)
    const authorization = upstream.received[0]!.headers.find(([name]) => name.toLowerCase() === 'authorization')![1]
    expect(authorization).toMatch(/^Bearer eyJ/)
    expect(jwtPayload(authorization.slice(7))).toMatchObject({ iss: issuer, sub: 'johndoe' })
    const history = (await app.api({ method: 'GET', url: `/api/history/${sent.json().id}` })).json()
    expect(JSON.stringify(history)).not.toContain(authorization.slice(7))
  })

  it('refuses a replayed callback, a forged state, a missing state and a callback from another browser', async () => {
    const { issuer } = await startIdp()
    const app = await buildTestApp()
    const { flow, cookie } = await startFlow(app, { grant: 'authorization_code_pkce', issuer, clientId: 'app' })
    const location = await authorize(flow)

    const otherBrowser = await callback(app, location)
    expect(otherBrowser.statusCode).toBe(400)
    expect(otherBrowser.body).toContain('OAUTH_STATE_INVALID')
    expect(await storedToken(app)).toBeNull()

    expect((await callback(app, location, cookie)).statusCode).toBe(200)
    const replay = await callback(app, location, cookie)
    expect(replay.statusCode).toBe(400)
    expect(replay.body).toContain('OAUTH_STATE_INVALID')

    const forged = await callback(app, '/oauth/callback?code=abc&state=forged-state-value', cookie)
    expect(forged.body).toContain('OAUTH_STATE_INVALID')
    const missing = await callback(app, '/oauth/callback?code=abc')
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('OAUTH_STATE_MISSING')
    const doubled = await callback(app, `/oauth/callback?code=a&state=x&state=y`)
    expect(doubled.body).toContain('OAUTH_CALLBACK_INVALID')
  })

  it('shows a provider error as escaped text and stores nothing', async () => {
    const { server, issuer } = await startIdp()
    const app = await buildTestApp()
    server.service.once('beforeAuthorizeRedirect', (redirect) => {
      redirect.url.searchParams.delete('code')
      redirect.url.searchParams.set('error', 'access_denied')
      redirect.url.searchParams.set('error_description', '<img src=x onerror=alert(1)> said no')
    })
    const { flow, cookie } = await startFlow(app, { grant: 'authorization_code_pkce', issuer, clientId: 'app' })
    const page = await callback(app, await authorize(flow), cookie)
    expect(page.statusCode).toBe(400)
    expect(page.body).not.toContain('<img src=x')
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt; said no')
    const failed = (await app.api({ method: 'GET', url: `/api/oauth/flows/${flow.id}` })).json() as Flow
    expect(failed.error).toMatchObject({ code: 'OAUTH_PROVIDER_ERROR', step: 'callback' })
    expect(failed.error!.message).toContain('access_denied: <img src=x onerror=alert(1)> said no')
    expect(failed.steps.filter((step) => step.id === 'callback').map((step) => step.status)).toEqual(['failed'])
    expect(await storedToken(app)).toBeNull()
  })

  it('refuses an iss from another issuer (RFC 9207) before exchanging the code', async () => {
    const { server, issuer } = await startIdp()
    const app = await buildTestApp()
    server.service.once('beforeAuthorizeRedirect', (redirect) =>
      redirect.url.searchParams.set('iss', 'https://evil.example'),
    )
    let tokenRequests = 0
    server.service.on('beforeResponse', () => tokenRequests++)
    const { flow, cookie } = await startFlow(app, { grant: 'authorization_code_pkce', issuer, clientId: 'app' })
    const page = await callback(app, await authorize(flow), cookie)
    expect(page.body).toContain('OAUTH_ISSUER_MISMATCH')
    expect(tokenRequests).toBe(0)
    expect(await storedToken(app)).toBeNull()
  })

  it('refuses a state older than ten minutes', async () => {
    const { issuer } = await startIdp()
    const app = await buildTestApp()
    const { flow, cookie } = await startFlow(app, { grant: 'authorization_code_pkce', issuer, clientId: 'app' })
    const location = await authorize(flow)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 })
    const page = await callback(app, location, cookie)
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('OAUTH_STATE_EXPIRED')
    const failed = (await app.api({ method: 'GET', url: `/api/oauth/flows/${flow.id}` })).json() as Flow
    expect(failed.error).toMatchObject({ code: 'OAUTH_STATE_EXPIRED', step: 'state' })
    expect(await storedToken(app)).toBeNull()
  })

  it('marks a flow nobody answered within ten minutes as expired when it is looked at', async () => {
    const { issuer } = await startIdp()
    const app = await buildTestApp()
    const { flow } = await startFlow(app, { grant: 'authorization_code_pkce', issuer, clientId: 'app' })
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 })
    const expired = (await app.api({ method: 'GET', url: `/api/oauth/flows/${flow.id}` })).json() as Flow
    expect(expired).toMatchObject({ status: 'failed', error: { code: 'OAUTH_STATE_EXPIRED', step: 'callback' } })
    const authorizeStep = expired.steps.find((step) => step.id === 'authorize')!
    expect(authorizeStep.status).toBe('failed')
    expect(authorizeStep.params!.map(([name]) => name)).toContain('code_challenge')
  })

  it('finishes from a pasted redirect URL when Courier does not serve the redirect URI', async () => {
    const { issuer } = await startIdp()
    const app = await buildTestApp()
    const { flow } = await startFlow(app, {
      grant: 'authorization_code',
      issuer,
      clientId: 'app',
      redirectUri: 'https://app.example/callback',
    })
    expect(new URL(flow.authorizeUrl!).searchParams.has('code_challenge')).toBe(false)
    const location = await authorize(flow)
    expect(location.origin).toBe('https://app.example')
    const wrongFlow = await app.api({
      method: 'POST',
      url: `/api/oauth/flows/${(await startFlow(app, { grant: 'authorization_code', issuer, clientId: 'app' })).flow.id}/redirect`,
      payload: { url: location.href },
    })
    expect(wrongFlow.json().error.code).toBe('OAUTH_STATE_INVALID')
    const pasted = await app.api({
      method: 'POST',
      url: `/api/oauth/flows/${flow.id}/redirect`,
      payload: { url: location.href },
    })
    expect(pasted.statusCode).toBe(200)
    expect((pasted.json() as Flow).status).toBe('completed')
  })
})

describe('implicit grant: the fragment handed over by the callback page', () => {
  it('takes the token from Courier’s own page only, bound to the browser', async () => {
    const provider = await startUpstream((request, response) => {
      const url = new URL(request.url!, 'http://x')
      response.statusCode = 302
      response.setHeader(
        'location',
        `${url.searchParams.get('redirect_uri')}#access_token=opaque-token-1234567890abcdef&token_type=bearer&expires_in=60&state=${url.searchParams.get('state')}`,
      )
      response.end()
    })
    const app = await buildTestApp()
    const { flow, cookie } = await startFlow(app, {
      grant: 'implicit',
      authUrl: provider.url('/authorize'),
      clientId: 'spa',
    })
    expect(new URL(flow.authorizeUrl!).searchParams.get('response_type')).toBe('token')
    const location = await authorize(flow)
    const page = await callback(app, '/oauth/callback')
    expect(page.body).toContain('data-mode="fragment"')
    const params = [...new URLSearchParams(location.hash.slice(1))]
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/oauth/callback',
        headers: { host: `127.0.0.1:${TEST_PORT}`, 'content-type': 'application/json', ...headers },
        payload: { params },
      })
    expect((await post({ origin: 'https://evil.example', cookie })).statusCode).toBe(403)
    const done = await post({ origin: `http://127.0.0.1:${TEST_PORT}`, cookie })
    expect(done.json()).toMatchObject({ ok: true, flowId: flow.id })
    const finished = (await app.api({ method: 'GET', url: `/api/oauth/flows/${flow.id}` })).json() as Flow
    expect(finished.steps.map((step) => `${step.id}:${step.status}`)).toEqual([
      'authorize:done',
      'callback:done',
      'state:done',
      'token:done',
      'verify:done',
    ])
    expect((await storedToken(app))!.accessToken).toBe('opaque-t…cdef')
  })
})
