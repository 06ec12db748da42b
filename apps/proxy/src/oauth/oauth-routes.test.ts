import { createHash } from 'node:crypto'
import { OAuth2Server } from 'oauth2-mock-server'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { buildTestApp, TEST_PORT, type TestApp } from '../test/build-test-app.js'
import { closedPort, startUpstream } from '../test/upstream.js'

/** oauth2-mock-server on 127.0.0.1 with a fresh RS256 key, issuer named by its IP. */
async function startIdp() {
  const server = new OAuth2Server()
  await server.issuer.keys.generate('RS256')
  await server.start(0, '127.0.0.1')
  const issuer = `http://127.0.0.1:${server.address().port}`
  server.issuer.url = issuer
  onTestFinished(() => server.stop())
  return { server, issuer }
}

type Flow = {
  id: string
  status: string
  authorizeUrl: string | null
  error: { code: string; message: string; step: string } | null
  steps: { id: string; status: string; params?: [string, string][]; exchange?: unknown; checks: { label: string; ok: boolean }[] }[]
  token: { accessToken: string; hasRefreshToken: boolean; accessJwt: { signature: { status: string }; claims: Record<string, unknown> } | null } | null
}

async function startFlow(app: TestApp, config: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const response = await app.api({ method: 'POST', url: '/api/oauth/flows', payload: { config, ...extra } })
  const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0]!
  return { response, flow: response.json() as Flow, cookie }
}

/** What the browser does in the popup: follow the authorize URL to where the provider redirects. */
async function authorize(flow: Flow): Promise<URL> {
  const response = await fetch(flow.authorizeUrl!, { redirect: 'manual' })
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location')!)
}

function callback(app: TestApp, location: URL | string, cookie?: string) {
  const url = typeof location === 'string' ? location : `${location.pathname}${location.search}`
  return app.inject({ method: 'GET', url, headers: { host: `127.0.0.1:${TEST_PORT}`, ...(cookie ? { cookie } : {}) } })
}

async function storedToken(app: TestApp, tokenKey = 'default') {
  return (await app.api({ method: 'GET', url: `/api/oauth/token?tokenKey=${tokenKey}` })).json() as Flow['token']
}

function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
}

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
    expect(createHash('sha256').update(verifierSeen).digest('base64url')).toBe(authorizeUrl.searchParams.get('code_challenge'))
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
    const sent = await app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: upstream.url('/me'), auth: { type: 'oauth2', config } } } })
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
    server.service.once('beforeAuthorizeRedirect', (redirect) => redirect.url.searchParams.set('iss', 'https://evil.example'))
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
    const { flow } = await startFlow(app, { grant: 'authorization_code', issuer, clientId: 'app', redirectUri: 'https://app.example/callback' })
    expect(new URL(flow.authorizeUrl!).searchParams.has('code_challenge')).toBe(false)
    const location = await authorize(flow)
    expect(location.origin).toBe('https://app.example')
    const wrongFlow = await app.api({ method: 'POST', url: `/api/oauth/flows/${(await startFlow(app, { grant: 'authorization_code', issuer, clientId: 'app' })).flow.id}/redirect`, payload: { url: location.href } })
    expect(wrongFlow.json().error.code).toBe('OAUTH_STATE_INVALID')
    const pasted = await app.api({ method: 'POST', url: `/api/oauth/flows/${flow.id}/redirect`, payload: { url: location.href } })
    expect(pasted.statusCode).toBe(200)
    expect((pasted.json() as Flow).status).toBe('completed')
  })
})

describe('grants answered at once', () => {
  it('client credentials: a token through discovery, with the exchange masked in the inspector', async () => {
    const { issuer } = await startIdp()
    const app = await buildTestApp()
    const { response, flow } = await startFlow(app, { grant: 'client_credentials', issuer, clientId: 'svc', clientSecret: 'top-secret-value', scope: 'read write' })
    expect(response.statusCode).toBe(200)
    expect(flow.status).toBe('completed')
    const token = flow.steps.find((s) => s.id === 'token')!
    const serialized = JSON.stringify(flow)
    expect(serialized).not.toContain('top-secret-value')
    expect(serialized).not.toContain(Buffer.from('svc:top-secret-value').toString('base64'))
    expect(JSON.stringify(token.exchange)).toContain('Basic ••••••')
    expect(flow.token!.accessJwt!.claims).toMatchObject({ scope: 'read write', iss: issuer })
  })

  it('password grant refreshes an expired token before the next send, and rotates it', async () => {
    const { server, issuer } = await startIdp()
    const app = await buildTestApp()
    server.service.once('beforeResponse', (response) => {
      ;(response.body as Record<string, unknown>).expires_in = 30
    })
    const config = { grant: 'password', tokenUrl: `${issuer}/token`, clientId: 'app', username: 'ada', password: 'pw' }
    const { flow } = await startFlow(app, config)
    expect(flow.token!.hasRefreshToken).toBe(true)
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const send = () => app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: upstream.url('/'), auth: { type: 'oauth2', config } } } })
    const bearer = (index: number) => upstream.received[index]!.headers.find(([name]) => name.toLowerCase() === 'authorization')![1]

    await send()
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 })
    await send()
    expect(bearer(1)).not.toBe(bearer(0))
    expect(jwtPayload(bearer(1).slice(7)).iat).toBeGreaterThan(jwtPayload(bearer(0).slice(7)).iat as number)
    const token = await storedToken(app)
    expect(token).toMatchObject({ hasRefreshToken: true })
    expect((token as unknown as { refreshedAt: string }).refreshedAt).not.toBeNull()
  })

  it('a failed refresh stops the send with the step named and keeps the old token', async () => {
    const { server, issuer } = await startIdp()
    const app = await buildTestApp()
    server.service.once('beforeResponse', (response) => {
      ;(response.body as Record<string, unknown>).expires_in = 1
    })
    const config = { grant: 'password', tokenUrl: `${issuer}/token`, clientId: 'app', username: 'ada', password: 'pw' }
    const before = (await startFlow(app, config)).flow.token!.accessToken
    server.service.once('beforeResponse', (response) => {
      response.statusCode = 400
      response.body = { error: 'invalid_grant', error_description: 'refresh token revoked' }
    })
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 })
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const sent = await app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: upstream.url('/'), auth: { type: 'oauth2', config } } } })
    expect(sent.statusCode).toBe(502)
    expect(sent.json().error).toMatchObject({ code: 'OAUTH_TOKEN_EXCHANGE_FAILED', phase: 'auth' })
    expect(sent.json().error.message).toMatch(/^Refreshing the expired OAuth 2 token failed: Refresh: the token endpoint answered 400 Bad Request: invalid_grant \(refresh token revoked\)/)
    expect(upstream.received).toHaveLength(0)
    expect((await storedToken(app))!.accessToken).toBe(before)
  })

  it('a send with no token yet for an interactive grant says where to get one', async () => {
    const app = await buildTestApp()
    const sent = await app.api({ method: 'POST', url: '/api/send', payload: { request: { method: 'GET', url: 'http://127.0.0.1:1/', auth: { type: 'oauth2', config: { grant: 'authorization_code_pkce' } } } } })
    expect(sent.statusCode).toBe(400)
    expect(sent.json().error).toMatchObject({ code: 'OAUTH_TOKEN_MISSING', phase: 'auth' })
  })
})

describe('bad input: a coded error naming the step, and no token stored', () => {
  it('a missing token URL', async () => {
    const app = await buildTestApp()
    const response = await app.api({ method: 'POST', url: '/api/oauth/flows', payload: { config: { grant: 'client_credentials', clientId: 'a' } } })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'OAUTH_CONFIG_INVALID', field: 'config.tokenUrl', phase: 'auth', details: { step: 'token' } })
    expect(response.json().error.message).toMatch(/^Token request: enter the token URL/)
    expect(await storedToken(app)).toBeNull()
  })

  it('an unreachable provider', async () => {
    const app = await buildTestApp()
    const { response, flow } = await startFlow(app, { grant: 'client_credentials', clientId: 'a', tokenUrl: `http://127.0.0.1:${await closedPort()}/token` })
    expect(response.statusCode).toBe(502)
    expect(flow.error).toMatchObject({ code: 'UPSTREAM_CONNECTION_REFUSED', step: 'token' })
    expect(flow.error!.message).toMatch(/^Token request: The server refused the connection/)
    expect(await storedToken(app)).toBeNull()
  })

  it('an unreachable issuer during discovery', async () => {
    const app = await buildTestApp()
    const { flow } = await startFlow(app, { grant: 'client_credentials', clientId: 'a', issuer: `http://127.0.0.1:${await closedPort()}` })
    expect(flow.error).toMatchObject({ code: 'OAUTH_DISCOVERY_FAILED', step: 'discovery' })
  })

  it('a malformed token response, and a token endpoint that redirects', async () => {
    const redirectTarget = await startUpstream((_request, response) => response.end('{}'))
    const provider = await startUpstream((request, response) => {
      if (request.url === '/html') {
        response.setHeader('content-type', 'text/html')
        return response.end('<html>login page</html>')
      }
      if (request.url === '/empty') {
        response.setHeader('content-type', 'application/json')
        return response.end('{"token_type":"Bearer"}')
      }
      response.statusCode = 307
      response.setHeader('location', redirectTarget.url('/token'))
      response.end()
    })
    const app = await buildTestApp()
    const html = await startFlow(app, { grant: 'client_credentials', clientId: 'a', clientSecret: 's', tokenUrl: provider.url('/html') })
    expect(html.flow.error).toMatchObject({ code: 'OAUTH_TOKEN_EXCHANGE_FAILED', step: 'token' })
    expect(html.flow.error!.message).toBe('Token request: the token endpoint answered 200 but its body is not JSON (text/html).')
    const empty = await startFlow(app, { grant: 'client_credentials', clientId: 'a', tokenUrl: provider.url('/empty') })
    expect(empty.flow.error!.message).toBe('Token request: the answer has no access_token.')
    const redirected = await startFlow(app, { grant: 'client_credentials', clientId: 'a', clientSecret: 's', tokenUrl: provider.url('/redirect') })
    expect(redirected.flow.error!.message).toMatch(/answered 307 .*does not follow token endpoint redirects/)
    expect(redirectTarget.received).toHaveLength(0)
    expect(await storedToken(app)).toBeNull()
  })

  it('a token endpoint on a cloud metadata address', async () => {
    const app = await buildTestApp()
    const { flow } = await startFlow(app, { grant: 'client_credentials', clientId: 'a', tokenUrl: 'http://169.254.169.254/token' })
    expect(flow.error).toMatchObject({ code: 'TARGET_FORBIDDEN', step: 'token' })
  })
})

describe('implicit grant: the fragment handed over by the callback page', () => {
  it('takes the token from Courier’s own page only, bound to the browser', async () => {
    const provider = await startUpstream((request, response) => {
      const url = new URL(request.url!, 'http://x')
      response.statusCode = 302
      response.setHeader('location', `${url.searchParams.get('redirect_uri')}#access_token=opaque-token-1234567890abcdef&token_type=bearer&expires_in=60&state=${url.searchParams.get('state')}`)
      response.end()
    })
    const app = await buildTestApp()
    const { flow, cookie } = await startFlow(app, { grant: 'implicit', authUrl: provider.url('/authorize'), clientId: 'spa' })
    expect(new URL(flow.authorizeUrl!).searchParams.get('response_type')).toBe('token')
    const location = await authorize(flow)
    const page = await callback(app, '/oauth/callback')
    expect(page.body).toContain('data-mode="fragment"')
    const params = [...new URLSearchParams(location.hash.slice(1))]
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/oauth/callback', headers: { host: `127.0.0.1:${TEST_PORT}`, 'content-type': 'application/json', ...headers }, payload: { params } })
    expect((await post({ origin: 'https://evil.example', cookie })).statusCode).toBe(403)
    const done = await post({ origin: `http://127.0.0.1:${TEST_PORT}`, cookie })
    expect(done.json()).toMatchObject({ ok: true, flowId: flow.id })
    const finished = (await app.api({ method: 'GET', url: `/api/oauth/flows/${flow.id}` })).json() as Flow
    expect(finished.steps.map((step) => `${step.id}:${step.status}`)).toEqual(['authorize:done', 'callback:done', 'state:done', 'token:done', 'verify:done'])
    expect((await storedToken(app))!.accessToken).toBe('opaque-t…cdef')
  })
})
