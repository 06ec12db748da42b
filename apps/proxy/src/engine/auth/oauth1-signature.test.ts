import { describe, expect, it } from 'vitest'
import { oauthBaseString, oauthBaseUri, oauthSignature } from './oauth1-signature.js'

describe('OAuth 1.0a signature base string (RFC 5849 §3.4.1)', () => {
  it('matches the example of §3.4.1.1: query and form parameters decoded, encoded, sorted', () => {
    const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b')
    const body = new URLSearchParams('c2&a3=2+q')
    const base = oauthBaseString('POST', url, [
      ...url.searchParams,
      ...body,
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
    ])
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    )
  })

  it('leaves out the default port and lower-cases scheme and host (§3.4.1.2)', () => {
    expect(oauthBaseUri(new URL('HTTP://EXAMPLE.COM:80/r%20v/X?id=123'))).toBe('http://example.com/r%20v/X')
    expect(oauthBaseUri(new URL('https://www.example.net:8080/?q=1'))).toBe('https://www.example.net:8080/')
  })
})

describe('OAuth 1.0a signatures', () => {
  it('signs the §1.2 photos example of RFC 5849 with HMAC-SHA1', () => {
    const url = new URL('http://photos.example.net/photos?file=vacation.jpg&size=original')
    const base = oauthBaseString('GET', url, [
      ...url.searchParams,
      ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
      ['oauth_token', 'nnch734d00sl2jdk'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131202'],
      ['oauth_nonce', 'chapoH'],
    ])
    const secrets = { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00', privateKey: '' }
    expect(oauthSignature('HMAC-SHA1', base, secrets)).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=')
  })

  it('signs the Twitter/X documentation example (Creating a signature) with HMAC-SHA1', () => {
    const url = new URL('https://api.twitter.com/1.1/statuses/update.json?include_entities=true')
    const base = oauthBaseString('POST', url, [
      ...url.searchParams,
      ...new URLSearchParams('status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21'),
      ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
      ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1318622958'],
      ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
      ['oauth_version', '1.0'],
    ])
    const secrets = {
      consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
      tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
      privateKey: '',
    }
    expect(oauthSignature('HMAC-SHA1', base, secrets)).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=')
  })

  it('PLAINTEXT is the encoded secrets joined by & (§3.4.4)', () => {
    expect(oauthSignature('PLAINTEXT', 'ignored', { consumerSecret: 'a b', tokenSecret: '', privateKey: '' })).toBe(
      'a%20b&',
    )
  })
})
