import { describe, expect, it } from 'vitest'
import { parseChallenges } from './parse-challenges.js'

describe('parseChallenges', () => {
  it('reads quoted and token parameters, lower-casing their names', () => {
    expect(
      parseChallenges(['Digest Realm="api@example", qop="auth,auth-int", algorithm=SHA-256, nonce="abc=="']),
    ).toEqual([
      {
        scheme: 'Digest',
        params: { realm: 'api@example', qop: 'auth,auth-int', algorithm: 'SHA-256', nonce: 'abc==' },
      },
    ])
  })

  it('splits several challenges on one line', () => {
    const challenges = parseChallenges(['Basic realm="a", Digest realm="b", nonce="n", algorithm=MD5, Bearer'])
    expect(challenges.map((c) => c.scheme)).toEqual(['Basic', 'Digest', 'Bearer'])
    expect(challenges[1]!.params).toEqual({ realm: 'b', nonce: 'n', algorithm: 'MD5' })
  })

  it('unescapes quoted-pairs and keeps commas inside quotes', () => {
    expect(parseChallenges(['Digest realm="say \\"hi\\", then go", nonce="1"'])[0]!.params).toEqual({
      realm: 'say "hi", then go',
      nonce: '1',
    })
  })

  it('keeps a token68 and reads challenges from several lines', () => {
    expect(parseChallenges(['Negotiate abc+/def==', 'Digest realm="r", nonce="n"'])).toEqual([
      { scheme: 'Negotiate', params: {}, token68: 'abc+/def==' },
      { scheme: 'Digest', params: { realm: 'r', nonce: 'n' } },
    ])
  })

  it('survives garbage without throwing', () => {
    expect(() => parseChallenges(['Digest realm="unterminated', ',,,', '=', 'Digest ,, realm = x'])).not.toThrow()
  })
})
