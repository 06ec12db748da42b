import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { closedPort, startUpstream } from '../test/upstream.js'
import { jwtPayload, startFlow, startIdp, storedToken } from '../test/oauth-test-kit.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('grants answered at once', () => {
  it('client credentials: a token through discovery, with the exchange masked in the inspector', async () => {
    const { issuer } = await startIdp()
    const app = await buildTestApp()
    const { response, flow } = await startFlow(app, {
      grant: 'client_credentials',
      issuer,
      clientId: 'svc',
      clientSecret: 'top-secret-value',
      scope: 'read write',
    })
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
    const send = () =>
      app.api({
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', url: upstream.url('/'), auth: { type: 'oauth2', config } } },
      })
    const bearer = (index: number) =>
      upstream.received[index]!.headers.find(([name]) => name.toLowerCase() === 'authorization')![1]

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
    const sent = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: upstream.url('/'), auth: { type: 'oauth2', config } } },
    })
    expect(sent.statusCode).toBe(502)
    expect(sent.json().error).toMatchObject({ code: 'OAUTH_TOKEN_EXCHANGE_FAILED', phase: 'auth' })
    expect(sent.json().error.message).toMatch(
      /^Refreshing the expired OAuth 2 token failed: Refresh: the token endpoint answered 400 Bad Request: invalid_grant \(refresh token revoked\)/,
    )
    expect(upstream.received).toHaveLength(0)
    expect((await storedToken(app))!.accessToken).toBe(before)
  })

  it('a send with no token yet for an interactive grant says where to get one', async () => {
    const app = await buildTestApp()
    const sent = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:1/',
          auth: { type: 'oauth2', config: { grant: 'authorization_code_pkce' } },
        },
      },
    })
    expect(sent.statusCode).toBe(400)
    expect(sent.json().error).toMatchObject({ code: 'OAUTH_TOKEN_MISSING', phase: 'auth' })
  })
})

describe('bad input: a coded error naming the step, and no token stored', () => {
  it('a missing token URL', async () => {
    const app = await buildTestApp()
    const response = await app.api({
      method: 'POST',
      url: '/api/oauth/flows',
      payload: { config: { grant: 'client_credentials', clientId: 'a' } },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'OAUTH_CONFIG_INVALID',
      field: 'config.tokenUrl',
      phase: 'auth',
      details: { step: 'token' },
    })
    expect(response.json().error.message).toMatch(/^Token request: enter the token URL/)
    expect(await storedToken(app)).toBeNull()
  })

  it('an unreachable provider', async () => {
    const app = await buildTestApp()
    const { response, flow } = await startFlow(app, {
      grant: 'client_credentials',
      clientId: 'a',
      tokenUrl: `http://127.0.0.1:${await closedPort()}/token`,
    })
    expect(response.statusCode).toBe(502)
    expect(flow.error).toMatchObject({ code: 'UPSTREAM_CONNECTION_REFUSED', step: 'token' })
    expect(flow.error!.message).toMatch(/^Token request: The server refused the connection/)
    expect(await storedToken(app)).toBeNull()
  })

  it('an unreachable issuer during discovery', async () => {
    const app = await buildTestApp()
    const { flow } = await startFlow(app, {
      grant: 'client_credentials',
      clientId: 'a',
      issuer: `http://127.0.0.1:${await closedPort()}`,
    })
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
    const html = await startFlow(app, {
      grant: 'client_credentials',
      clientId: 'a',
      clientSecret: 's',
      tokenUrl: provider.url('/html'),
    })
    expect(html.flow.error).toMatchObject({ code: 'OAUTH_TOKEN_EXCHANGE_FAILED', step: 'token' })
    expect(html.flow.error!.message).toBe(
      'Token request: the token endpoint answered 200 but its body is not JSON (text/html).',
    )
    const empty = await startFlow(app, { grant: 'client_credentials', clientId: 'a', tokenUrl: provider.url('/empty') })
    expect(empty.flow.error!.message).toBe('Token request: the answer has no access_token.')
    const redirected = await startFlow(app, {
      grant: 'client_credentials',
      clientId: 'a',
      clientSecret: 's',
      tokenUrl: provider.url('/redirect'),
    })
    expect(redirected.flow.error!.message).toMatch(/answered 307 .*does not follow token endpoint redirects/)
    expect(redirectTarget.received).toHaveLength(0)
    expect(await storedToken(app)).toBeNull()
  })

  it('a token endpoint on a cloud metadata address', async () => {
    const app = await buildTestApp()
    const { flow } = await startFlow(app, {
      grant: 'client_credentials',
      clientId: 'a',
      tokenUrl: 'http://169.254.169.254/token',
    })
    expect(flow.error).toMatchObject({ code: 'TARGET_FORBIDDEN', step: 'token' })
  })
})
