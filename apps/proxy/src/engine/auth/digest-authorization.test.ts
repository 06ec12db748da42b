import { describe, expect, it } from 'vitest'
import { digestAuthorization, pickDigestChallenge } from './digest-authorization.js'
import { parseChallenges } from './parse-challenges.js'

// RFC 7616 §3.9.1: the same request answered with SHA-256 and with MD5.
const RFC_CHALLENGE = (algorithm: string): [string, string] => [
  'WWW-Authenticate',
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
]
const RFC_INPUT = {
  credentials: { username: 'Mufasa', password: 'Circle of Life' },
  method: 'GET',
  uri: '/dir/index.html',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: 1,
}

function params(header: string): Record<string, string> {
  return parseChallenges([header])[0]!.params
}

describe('digestAuthorization', () => {
  it('matches the RFC 7616 SHA-256 example', () => {
    const challenge = pickDigestChallenge([RFC_CHALLENGE('SHA-256')], true)!
    const header = digestAuthorization({ challenge, ...RFC_INPUT })
    expect(header.startsWith('Digest ')).toBe(true)
    expect(params(header)).toEqual({
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      uri: '/dir/index.html',
      algorithm: 'SHA-256',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      qop: 'auth',
      response: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    })
  })

  it('matches the RFC 7616 MD5 example', () => {
    const challenge = pickDigestChallenge([RFC_CHALLENGE('MD5')], true)!
    expect(params(digestAuthorization({ challenge, ...RFC_INPUT })).response).toBe('8ca523f5e9506fed4657c9700eebdbec')
  })

  it('hashes the user name when the server asks for userhash, and sends non-ASCII names as username*', () => {
    const hashed = pickDigestChallenge(
      [['WWW-Authenticate', 'Digest realm="r", nonce="n", qop="auth", algorithm=SHA-256, userhash=true']],
      false,
    )!
    const header = params(digestAuthorization({ challenge: hashed, ...RFC_INPUT }))
    expect(header.username).toMatch(/^[0-9a-f]{64}$/)
    expect(header.userhash).toBe('true')
    const plain = pickDigestChallenge([['WWW-Authenticate', 'Digest realm="r", nonce="n", qop="auth"']], false)!
    expect(
      digestAuthorization({ challenge: plain, ...RFC_INPUT, credentials: { username: 'Jäsøn', password: 'x' } }),
    ).toContain("username*=UTF-8''J%C3%A4s%C3%B8n")
  })
})

describe('pickDigestChallenge', () => {
  it('prefers SHA-256 over MD5 whatever the order', () => {
    const picked = pickDigestChallenge([RFC_CHALLENGE('MD5'), RFC_CHALLENGE('SHA-256')], true)
    expect(picked?.algorithm).toBe('SHA-256')
  })

  it('takes auth-int only when the body can be hashed, and skips unknown algorithms and other schemes', () => {
    const intOnly: [string, string] = ['WWW-Authenticate', 'Digest realm="r", nonce="n", qop="auth-int"']
    expect(pickDigestChallenge([intOnly], true)?.qop).toBe('auth-int')
    expect(pickDigestChallenge([intOnly], false)).toBeNull()
    expect(pickDigestChallenge([['WWW-Authenticate', 'Digest realm="r", nonce="n", algorithm=SHA-1']], true)).toBeNull()
    expect(pickDigestChallenge([['WWW-Authenticate', 'Basic realm="r"']], true)).toBeNull()
    expect(pickDigestChallenge([['WWW-Authenticate', 'Digest realm="r", nonce="n"']], true)).toMatchObject({
      algorithm: 'MD5',
      qop: null,
    })
  })
})
