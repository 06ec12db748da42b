import { describe, expect, it } from 'vitest'
import { capturedPath, rewriteLocation, rewriteSetCookie } from './answer-headers.js'
import { checkRest, placeOf, restOf } from './mount-path.js'

describe('capture paths', () => {
  it('takes the rest after /capture/NAME, raw, from origin-form and absolute-form request lines', () => {
    expect(restOf('/capture/m/a/b?x=1')).toEqual({ rest: '/a/b', query: '?x=1' })
    expect(restOf('/capture/m')).toEqual({ rest: '', query: '' })
    expect(restOf('/capture/m/')).toEqual({ rest: '/', query: '' })
    expect(restOf('http://127.0.0.1:1/capture/m/a%20b?q')).toEqual({ rest: '/a%20b', query: '?q' })
  })

  it('refuses every spelling of a step out of the base', () => {
    for (const rest of [
      '/..',
      '/a/../b',
      '/%2e%2e/x',
      '/%2E%2e',
      '/.%2e/x',
      '/a%2Fb',
      '/a%5cb',
      '/a\\b',
      '//x',
      '/a//b',
      '/./x',
      '/a\u0000b',
      '/%zz',
    ])
      expect(() => checkRest(rest), rest).toThrow(/leave the capture mount/)
    for (const rest of ['', '/', '/a/b', '/a..b/...', '/%252e%252e', '/a%20b'])
      expect(() => checkRest(rest), rest).not.toThrow()
  })

  it('maps upstream paths, Location and Set-Cookie onto the mount', () => {
    const place = { name: 'm', ...placeOf('http://up.test:8080/v1/') }
    expect(place).toEqual({ name: 'm', origin: 'http://up.test:8080', basePath: '/v1' })
    const mapped = { name: 'm', upstreamOrigin: place.origin, basePath: place.basePath }
    expect(capturedPath('/v1/a', mapped)).toBe('/capture/m/a')
    expect(capturedPath('/other', mapped)).toBeUndefined()
    expect(rewriteLocation('/v1/next?x=1', mapped)).toBe('/capture/m/next?x=1')
    expect(rewriteLocation('http://up.test:8080/v1/next', mapped)).toBe('/capture/m/next')
    expect(rewriteLocation('https://elsewhere.test/', mapped)).toBe('https://elsewhere.test/')
    expect(rewriteSetCookie('a=1; Domain=up.test; Path=/v1/x; Secure', mapped, 'courier_session_9')).toBe(
      'a=1; Path=/capture/m/x; Secure',
    )
    expect(rewriteSetCookie('a=1', mapped, 'courier_session_9')).toBe('a=1; Path=/capture/m/')
    expect(rewriteSetCookie('courier_session_9=x; Path=/', mapped, 'courier_session_9')).toBeUndefined()
    expect(rewriteSetCookie('__Host-courier_session=x', mapped, 'courier_session_9')).toBeUndefined()
  })
})
