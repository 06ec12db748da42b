import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

describe('the HTTP status of /api/send', () => {
  it('answers a redirect loop with TOO_MANY_REDIRECTS and its error status, the chain in the record', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', '/again')
      response.end()
    })
    const response = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: upstream.url('/'), settings: { maxRedirects: 2 } } },
    })
    expect(response.statusCode).toBe(502)
    const record = response.json()
    expect(record).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REDIRECTS', phase: 'redirect' } })
    // Two followed, each once; the third redirect is the record's own answer, where the chain stopped.
    expect(record.hops).toHaveLength(2)
    expect(record).toMatchObject({ status: 302, request: { url: upstream.url('/again') } })
    expect(record.error.message).toMatch(/^The server redirected in a loop: .*\/again was already requested/)
    expect(record.error.message).toMatch(/followed 2 redirects, its limit, and stopped at the third;/)
  })

  it('refuses two Host rows with a 400 that names the second row, sending nothing', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const response = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        request: {
          method: 'GET',
          url: upstream.url('/'),
          headers: [
            ['Host', 'a.example', true],
            ['X-Other', '1', true],
            ['host', 'b.example', true],
          ],
        },
      },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'HEADER_INVALID', field: 'headers[2].name' })
    expect(response.json().error.message).toMatch(/Host/)
    expect(upstream.received).toHaveLength(0)
  })

  it('still sends one Host row as written, and a disabled second one changes nothing', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const response = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        request: {
          method: 'GET',
          url: upstream.url('/'),
          headers: [
            ['Host', 'a.example', true],
            ['Host', 'b.example', false],
          ],
        },
      },
    })
    expect(response.statusCode).toBe(200)
    expect(
      upstream.received[0]!.headers.filter(([name]) => name.toLowerCase() === 'host').map(([, value]) => value),
    ).toEqual(['a.example'])
  })
})

describe('secret variables on a redirect to another origin', () => {
  it('never sends a header whose value came from a secret variable to the second server, and lists its name on the request', async () => {
    const app = await buildTestApp()
    const other = await startUpstream((_request, response) => response.end('landed'))
    const start = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', other.url('/land'))
      response.end()
    })
    const env = (
      await app.api({
        method: 'POST',
        url: '/api/environments',
        payload: {
          name: 'Prod',
          variables: [{ name: 'tenantSig', value: 'sig-from-env-KKKK', enabled: true, secret: true }],
        },
      })
    ).json()
    const response = await app.api({
      method: 'POST',
      url: '/api/send',
      payload: {
        environmentId: env.id,
        request: { method: 'GET', url: start.url('/'), headers: [['X-Tenant-Sig', '{{tenantSig}}', true]] },
      },
    })
    expect(response.statusCode).toBe(200)
    expect(start.received[0]!.headers).toContainEqual(['X-Tenant-Sig', 'sig-from-env-KKKK'])
    expect(JSON.stringify(other.received)).not.toContain('sig-from-env-KKKK')
    expect(response.json().request.droppedOnRedirect).toEqual(['X-Tenant-Sig'])
  })
})
