import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'
import { call, startCaptureServer } from '../test/capture-kit.js'

const header = (headers: [string, string][], name: string) =>
  headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value)

describe('a capture mount forwards and records', () => {
  it('forwards GET and POST with body and query under the base path, and records each with the bus event', async () => {
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ method: request.method, url: request.url, body: request.body.toString() }))
    })
    const dataDir = tempDataDir()
    const courier = await startCaptureServer({ dataDir })
    await courier.mount({ name: 'shop', upstream: upstream.url('/v1') })
    const events = courier.events()

    const got = await call(courier.port, '/capture/shop/items?page=2&q=a%20b')
    expect(got.status).toBe(200)
    expect(JSON.parse(got.body.toString())).toEqual({ method: 'GET', url: '/v1/items?page=2&q=a%20b', body: '' })
    const first = await events.next()
    expect(first).toMatchObject({ workspaceId: 'capture:local', kind: 'capture', action: 'saved', version: null })
    const entry = await courier.entry(first.id)
    expect(entry).toMatchObject({ method: 'GET', status: 200, url: `${upstream.url('/v1/items')}?page=2&q=a%20b` })
    expect(entry.response.body?.inline).toContain('/v1/items')
    // The row carries the mount's name (history's capture column, migration 0023).
    const file = new Database(join(dataDir, 'courier.sqlite'), { readonly: true })
    expect(file.prepare('SELECT capture FROM history WHERE id = ?').get(first.id)).toEqual({ capture: 'shop' })
    file.close()

    const posted = await call(courier.port, '/capture/shop/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"qty":3}',
    })
    expect(JSON.parse(posted.body.toString())).toEqual({ method: 'POST', url: '/v1/orders', body: '{"qty":3}' })
    const second = await courier.entry((await events.next()).id)
    expect(second.request.body).toEqual({ kind: 'raw', text: '{"qty":3}', contentType: 'application/json' })
    expect(second.response.request.bodySize).toBe(9)
    expect(second.response.timing.firstByte).toBeGreaterThanOrEqual(0)

    // The bare mount path is the base itself.
    const base = await call(courier.port, '/capture/shop')
    expect(JSON.parse(base.body.toString()).url).toBe('/v1')
  })

  it('strips the session cookie and Courier headers, injects the mount headers with a secret variable masked in history', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('set-cookie', [
        'sid=abc; Path=/v1/auth; Domain=upstream.test; HttpOnly',
        `courier_session_1234=evil; Path=/`,
      ])
      response.setHeader('access-control-allow-origin', '*')
      response.setHeader('content-type', 'text/html')
      response.end('<script>fetch("/api/history")</script>')
    })
    const courier = await startCaptureServer()
    const environment = await courier.fastify.store.environments.create('dev', [
      { name: 'token', value: 'sekret-token-value', enabled: true, secret: true },
    ])
    await courier.mount({
      name: 'app',
      upstream: upstream.url('/v1'),
      headers: [['Authorization', 'Bearer {{token}}']],
      environmentId: environment.id,
    })
    const events = courier.events()
    const cookieName = `courier_session_${courier.port}`
    const got = await call(courier.port, '/capture/app/auth/login', {
      headers: {
        cookie: `${cookieName}=live-session; theirs=1`,
        'x-courier-token': 'page-csrf',
        'x-courier-workspace': 'w',
        'x-courier-client': 'c',
      },
    })
    expect(got.status).toBe(200)
    const seen = upstream.received[0]!
    expect(header(seen.headers, 'cookie')).toEqual(['theirs=1'])
    expect(header(seen.headers, 'x-courier-token')).toEqual([])
    expect(header(seen.headers, 'x-courier-workspace')).toEqual([])
    expect(header(seen.headers, 'x-courier-client')).toEqual([])
    expect(header(seen.headers, 'authorization')).toEqual(['Bearer sekret-token-value'])

    // What the page gets: cookies scoped to the mount, Courier's session never set, sandboxed HTML, no upstream CORS.
    expect(got.headers['set-cookie']).toEqual(['sid=abc; Path=/capture/app/auth; HttpOnly'])
    expect(got.headers['content-security-policy']).toBe('sandbox')
    expect(got.headers['x-content-type-options']).toBe('nosniff')
    expect(got.headers['access-control-allow-origin']).toBeUndefined()

    const entry = await courier.entry((await events.next()).id)
    const stored = JSON.stringify(entry)
    expect(stored).not.toContain('sekret-token-value')
    expect(stored).not.toContain('live-session')
    expect(entry.request.headers).toContainEqual(['authorization', 'Bearer {{token}}', true])
  })

  it('answers CORS preflights itself and adds CORS to answers for an allowed origin', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('x-trace', 't1')
      response.setHeader('access-control-allow-origin', 'https://elsewhere.test')
      response.end('ok')
    })
    const courier = await startCaptureServer()
    await courier.mount({ name: 'cors', upstream: upstream.url('/'), allowedOrigins: ['http://localhost:5173'] })

    const preflight = await call(courier.port, '/capture/cors/things', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type, x-app',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type, x-app',
      'access-control-max-age': '600',
    })
    expect(preflight.headers.vary).toContain('Origin')
    expect(upstream.received).toEqual([])

    const actual = await call(courier.port, '/capture/cors/things', {
      method: 'PUT',
      headers: { origin: 'http://localhost:5173', 'content-type': 'text/plain', 'sec-fetch-site': 'same-site' },
      body: 'x',
    })
    expect(actual.status).toBe(200)
    expect(actual.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(actual.headers['access-control-allow-credentials']).toBe('true')
    expect(String(actual.headers['access-control-expose-headers'])).toContain('x-trace')
    expect(actual.headers.vary).toContain('Origin')

    // Courier's own refusal (a path out of the mount) is readable by the allowed page too.
    const refused = await call(courier.port, '/capture/cors/%2e%2e/x', { headers: { origin: 'http://localhost:5173' } })
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body.toString()).error.code).toBe('URL_INVALID')
    expect(refused.headers['access-control-allow-origin']).toBe('http://localhost:5173')
  })

  it('refuses a foreign Origin and a cross-site request without one before any connection, and records the refusal', async () => {
    const upstream = await startUpstream((_request, response) => response.end('should not happen'))
    const courier = await startCaptureServer()
    await courier.mount({ name: 'guarded', upstream: upstream.url('/'), allowedOrigins: ['http://localhost:5173'] })
    const events = courier.events()

    const foreign = await call(courier.port, '/capture/guarded/x', { headers: { origin: 'https://evil.test' } })
    expect(foreign.status).toBe(403)
    expect(JSON.parse(foreign.body.toString()).error.code).toBe('CAPTURE_ORIGIN_NOT_ALLOWED')
    const foreignPreflight = await call(courier.port, '/capture/guarded/x', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' },
    })
    expect(foreignPreflight.status).toBe(403)
    expect(foreignPreflight.headers['access-control-allow-origin']).toBeUndefined()
    for (const site of ['cross-site', 'same-site']) {
      const noOrigin = await call(courier.port, '/capture/guarded/x', { headers: { 'sec-fetch-site': site } })
      expect(noOrigin.status).toBe(403)
    }
    expect(upstream.received).toEqual([])
    const refused = await courier.entry((await events.next()).id)
    expect(refused).toMatchObject({ status: null, errorCode: 'CAPTURE_ORIGIN_NOT_ALLOWED' })

    // curl or a server (no Origin, no Fetch metadata) is forwarded.
    const plain = await call(courier.port, '/capture/guarded/x')
    expect(plain.status).toBe(200)
    expect(upstream.received).toHaveLength(1)
  })

  it('answers unknown and paused mounts with their codes, forwarding nothing', async () => {
    const upstream = await startUpstream((_request, response) => response.end('no'))
    const courier = await startCaptureServer()
    const mount = await courier.mount({ name: 'paused', upstream: upstream.url('/'), enabled: false })
    expect(mount.enabled).toBe(false)
    const unknown = await call(courier.port, '/capture/nobody/x')
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body.toString()).error.code).toBe('CAPTURE_MOUNT_UNKNOWN')
    const paused = await call(courier.port, '/capture/paused/x', { method: 'POST', body: 'x' })
    expect(paused.status).toBe(503)
    expect(JSON.parse(paused.body.toString()).error.code).toBe('CAPTURE_MOUNT_PAUSED')
    expect(upstream.received).toEqual([])
  })
})
