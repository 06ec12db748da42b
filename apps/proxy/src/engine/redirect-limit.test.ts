import { describe, expect, it } from 'vitest'
import { engineSend } from '../test/engine-send.js'
import { startUpstream } from '../test/upstream.js'

describe('a redirect chain that hits the limit', () => {
  it('a loop: each followed hop listed once, the record is the redirect Courier stopped at, the sentence counts right', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 301
      response.setHeader('Location', '/loop')
      response.end()
    })
    const record = await engineSend({ method: 'GET', url: upstream.url('/loop'), settings: { maxRedirects: 3 } })
    expect(record.ok).toBe(false)
    expect(record.error?.code).toBe('TOO_MANY_REDIRECTS')
    // Three redirects followed, then the fourth answer (a 301 again) is where it stopped: four requests in all.
    expect(upstream.received).toHaveLength(4)
    expect(record.hops.map((hop) => [hop.status, hop.location])).toEqual([
      [301, '/loop'],
      [301, '/loop'],
      [301, '/loop'],
    ])
    expect(record.status).toBe(301)
    expect(record.headers).toContainEqual(['Location', '/loop'])
    expect(record.error?.message).toBe(
      `The server redirected in a loop: ${upstream.url('/loop')} was already requested in this chain. Courier followed 3 redirects, its limit, and stopped at the fourth; the chain is listed under Redirects.`,
    )
  })

  it('a long chain, limit 1: singular, and says how to raise it', async () => {
    const upstream = await startUpstream((request, response) => {
      const n = Number(request.url!.split('/')[2] ?? 0)
      if (n > 0) {
        response.statusCode = 302
        response.setHeader('Location', `/hop/${n - 1}`)
        return response.end()
      }
      response.end('arrived')
    })
    const record = await engineSend({ method: 'GET', url: upstream.url('/hop/5'), settings: { maxRedirects: 1 } })
    expect(record.error?.code).toBe('TOO_MANY_REDIRECTS')
    expect(record.hops).toHaveLength(1)
    expect(record.status).toBe(302)
    expect(record.request.url).toBe(upstream.url('/hop/4'))
    expect(record.error?.message).toBe(
      `Courier followed 1 redirect, its limit, and stopped at the next one (to ${upstream.url('/hop/3')}). Raise "Maximum redirects" in this request's Settings tab if the chain is meant to be longer; the chain is listed under Redirects.`,
    )
  })

  it('a redirect to another scheme keeps the answer that asked for it', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.statusCode = 302
      response.setHeader('Location', 'file:///etc/passwd')
      response.end()
    })
    const record = await engineSend({ method: 'GET', url: upstream.url('/') })
    expect(record.error?.code).toBe('REDIRECT_FORBIDDEN')
    expect(record.status).toBe(302)
    expect(record.hops).toEqual([])
  })
})
