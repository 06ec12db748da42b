import { describe, expect, it } from 'vitest'
import { send } from '../test/send-kit.js'
import { startUpstream } from '../test/upstream.js'

describe('redirects', () => {
  it('follows a chain and records every hop', async () => {
    const upstream = await startUpstream((request, response) => {
      const n = Number(request.url!.split('/')[2] ?? 0)
      if (n > 0) {
        response.statusCode = 302
        response.setHeader('Location', `/hop/${n - 1}`)
        return response.end()
      }
      response.end('arrived')
    })
    const record = await send({ method: 'GET', url: upstream.url('/hop/3') })
    expect(record.status).toBe(200)
    expect(record.hops.map((hop) => [hop.status, hop.location])).toEqual([
      [302, '/hop/2'],
      [302, '/hop/1'],
      [302, '/hop/0'],
    ])
    expect(record.request.url).toBe(upstream.url('/hop/0'))
  })

  it('stops a redirect loop with the chain listed', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 301
      response.setHeader('Location', '/loop')
      response.end()
    })
    const record = await send({ method: 'GET', url: upstream.url('/loop'), settings: { maxRedirects: 4 } })
    expect(record.error?.code).toBe('TOO_MANY_REDIRECTS')
    // Four followed; the fifth redirect is the record's own answer, where it stopped (redirect-limit.test.ts).
    expect(record.hops).toHaveLength(4)
    expect(record.status).toBe(301)
  })

  it('refuses a redirect to another scheme', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', 'file:///etc/passwd')
      response.end()
    })
    const record = await send({ method: 'GET', url: upstream.url('/') })
    expect(record.error?.code).toBe('REDIRECT_FORBIDDEN')
  })

  it('returns the 3xx itself when following is off', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', '/elsewhere')
      response.end()
    })
    const record = await send({ method: 'GET', url: upstream.url('/'), settings: { followRedirects: false } })
    expect(record.status).toBe(302)
    expect(record.hops).toHaveLength(0)
  })
})
