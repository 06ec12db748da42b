import type { OAuth1Config, Pair } from '@courier/shared'
import { CourierError } from '../../errors.js'
import {
  bodyHashAlgorithm,
  oauthAuthorizationHeader,
  oauthBaseString,
  oauthBodyHash,
  oauthEncode,
  oauthSignature,
} from './oauth1-signature.js'
import { bodyBytes, type SignableRequest, type SigningClock, type SignOutcome } from './signable-request.js'

function isFormBody(request: SignableRequest): boolean {
  const type = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  return Buffer.isBuffer(request.body) && /^application\/x-www-form-urlencoded\b/i.test(type.trim())
}

/**
 * OAuth 1.0a (RFC 5849): the signature covers the method, the URL as sent (its query decoded as
 * a form), the oauth_ parameters and, for a form body, the body's fields. Timestamp and nonce are
 * the Auth tab's when given, else new for each exchange. Parameters go in the Authorization
 * header, the query, or (for a form body; `body` otherwise means the query, as in Postman) the body.
 */
export async function signOAuth1<R extends SignableRequest>(
  request: R,
  config: OAuth1Config,
  clock: SigningClock,
): Promise<SignOutcome<R>> {
  const rsa = config.signatureMethod.startsWith('RSA-')
  if (config.consumerKey === '' || (rsa ? config.privateKey.trim() === '' : config.consumerSecret === '')) {
    const missing = config.consumerKey === '' ? 'consumer key' : rsa ? 'private key' : 'consumer secret'
    return { request, note: `The OAuth 1.0 ${missing} is empty, so the request was not signed.` }
  }
  const form = isFormBody(request)
  const hashAlgorithm = bodyHashAlgorithm(config.signatureMethod)
  const bodyHash =
    config.includeBodyHash && hashAlgorithm && !form ? oauthBodyHash(hashAlgorithm, await bodyBytes(request.body)) : ''

  const candidates: Pair[] = [
    ['oauth_consumer_key', config.consumerKey],
    ['oauth_token', config.token],
    ['oauth_signature_method', config.signatureMethod],
    ['oauth_timestamp', config.timestamp.trim() || String(Math.floor(clock.now().getTime() / 1000))],
    ['oauth_nonce', config.nonce.trim() || clock.nonce()],
    ['oauth_version', config.version],
  ]
  // The extensions (body hash, callback, verifier) only when set, whatever "empty params" says (as Postman).
  const extensions: Pair[] = [
    ['oauth_body_hash', bodyHash],
    ['oauth_callback', config.callback],
    ['oauth_verifier', config.verifier],
  ]
  const oauthParams = [
    ...candidates.filter(([, value]) => config.addEmptyParamsToSign || value.trim() !== ''),
    ...extensions.filter(([, value]) => value !== ''),
  ]

  const queryParams: Pair[] = [...request.url.searchParams]
  const bodyParams: Pair[] = form ? [...new URLSearchParams(request.body!.toString('utf8'))] : []
  const baseString = oauthBaseString(request.method, request.url, [...queryParams, ...bodyParams, ...oauthParams])
  let signature: string
  try {
    signature = oauthSignature(config.signatureMethod, baseString, config)
  } catch {
    throw new CourierError(
      'AUTH_INVALID',
      `The OAuth 1.0 private key could not be read for ${config.signatureMethod}: paste a PEM key (-----BEGIN PRIVATE KEY-----).`,
      { field: 'auth.config.privateKey', phase: 'validate' },
    )
  }
  const signed: Pair[] = [...oauthParams, ['oauth_signature', signature]]
  const names = signed.map(([name]) => name)
  const encoded = signed.map(([name, value]) => `${oauthEncode(name)}=${oauthEncode(value)}`).join('&')

  if (config.addTo === 'header') {
    return {
      request: {
        ...request,
        headers: [...request.headers, ['Authorization', oauthAuthorizationHeader(config.realm, signed)]],
        signedParts: { headers: ['authorization'], query: [], body: [] },
      },
    }
  }
  if (config.addTo === 'body' && form) {
    const text = request.body!.toString('latin1')
    const body = Buffer.from(text === '' ? encoded : `${text}&${encoded}`, 'latin1')
    const headers = request.headers.map(([name, value]): Pair =>
      name.toLowerCase() === 'content-length' ? [name, String(body.length)] : [name, value],
    )
    return {
      request: {
        ...request,
        headers,
        body,
        bodySize: body.length,
        bodyPreview: request.bodyPreview === undefined ? undefined : body.toString('utf8'),
        signedParts: { headers: [], query: [], body: names },
      },
    }
  }
  const url = new URL(request.url.href)
  url.search = url.search === '' || url.search === '?' ? `?${encoded}` : `${url.search}&${encoded}`
  return { request: { ...request, url, signedParts: { headers: [], query: names, body: [] } } }
}
