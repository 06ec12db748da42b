import { OAuth2Server } from 'oauth2-mock-server'
import { expect, onTestFinished } from 'vitest'
import { TEST_PORT, type TestApp } from './build-test-app.js'

/** oauth2-mock-server on 127.0.0.1 with a fresh RS256 key, issuer named by its IP. */
export async function startIdp() {
  const server = new OAuth2Server()
  await server.issuer.keys.generate('RS256')
  await server.start(0, '127.0.0.1')
  const issuer = `http://127.0.0.1:${server.address().port}`
  server.issuer.url = issuer
  onTestFinished(() => server.stop())
  return { server, issuer }
}

export type Flow = {
  id: string
  status: string
  authorizeUrl: string | null
  error: { code: string; message: string; step: string } | null
  steps: {
    id: string
    status: string
    params?: [string, string][]
    exchange?: unknown
    checks: { label: string; ok: boolean }[]
  }[]
  token: {
    accessToken: string
    hasRefreshToken: boolean
    accessJwt: { signature: { status: string }; claims: Record<string, unknown> } | null
  } | null
}

export async function startFlow(app: TestApp, config: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const response = await app.api({ method: 'POST', url: '/api/oauth/flows', payload: { config, ...extra } })
  const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0]!
  return { response, flow: response.json() as Flow, cookie }
}

/** What the browser does in the popup: follow the authorize URL to where the provider redirects. */
export async function authorize(flow: Flow): Promise<URL> {
  const response = await fetch(flow.authorizeUrl!, { redirect: 'manual' })
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location')!)
}

export function callback(app: TestApp, location: URL | string, cookie?: string) {
  const url = typeof location === 'string' ? location : `${location.pathname}${location.search}`
  return app.inject({ method: 'GET', url, headers: { host: `127.0.0.1:${TEST_PORT}`, ...(cookie ? { cookie } : {}) } })
}

export async function storedToken(app: TestApp, tokenKey = 'default') {
  return (await app.api({ method: 'GET', url: `/api/oauth/token?tokenKey=${tokenKey}` })).json() as Flow['token']
}

export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
}
