import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { inspectJwt } from './inspect-jwt.js'

async function signer(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey)
  return { jwk, sign }
}

describe('inspectJwt', () => {
  it('verifies the signature with the issuer JWKS and shows header and claims, expired or not', async () => {
    const issuer = await signer('k1')
    const token = await issuer.sign({ sub: 'ada', exp: 1_000 })
    const view = await inspectJwt(token, { jwks: { keys: [issuer.jwk] }, uri: 'http://id.test/jwks' })
    expect(view).toMatchObject({
      header: { alg: 'RS256', kid: 'k1' },
      claims: { sub: 'ada', exp: 1_000 },
      signature: { status: 'verified' },
    })
  })

  it('says invalid for a token signed by someone else, and unavailable without keys or for HS256', async () => {
    const issuer = await signer('k1')
    const impostor = await signer('k1')
    const forged = await impostor.sign({ sub: 'mallory' })
    expect(
      (await inspectJwt(forged, { jwks: { keys: [issuer.jwk] }, uri: 'http://id.test/jwks' }))!.signature.status,
    ).toBe('invalid')
    expect((await inspectJwt(forged, { jwks: null, reason: 'no issuer' }))!.signature).toEqual({
      status: 'unavailable',
      detail: 'no issuer',
    })
    const hs = await new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32))
    expect((await inspectJwt(hs, { jwks: { keys: [issuer.jwk] }, uri: 'x' }))!.signature.status).toBe('unavailable')
  })

  it('answers null for opaque tokens', async () => {
    expect(await inspectJwt('2YotnFZFEjr1zCsicMWpAA', { jwks: null, reason: '' })).toBeNull()
  })
})
