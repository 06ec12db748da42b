import type { AwsSigV4Config, OAuth1Config, Pair } from '@courier/shared'
import { randomBytes } from 'node:crypto'
import type { OutgoingBody } from '../exchange.js'
import { signAwsV4 } from './aws-sigv4-request.js'
import { signOAuth1 } from './oauth1-request.js'

/** The Auth tab's request signing, carried to the engine's every exchange. */
export type RequestSigner = { kind: 'oauth1'; config: OAuth1Config } | { kind: 'awsv4'; config: AwsSigV4Config }

/** What one signature added (lower-case names), so the next exchange's signature replaces it. */
export type SignedParts = { headers: string[]; query: string[]; body: string[] }

export type SignableRequest = {
  method: string
  url: URL
  headers: Pair[]
  body: OutgoingBody
  bodySize: number
  bodyPreview: string | undefined
  signer?: RequestSigner
  signedParts?: SignedParts
}

/** Time and randomness of a signature; tests fix them. */
export type SigningClock = { now: () => Date; nonce: () => string }

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const REAL_SIGNING_CLOCK: SigningClock = {
  now: () => new Date(),
  // 16 characters from 62, as Postman's nonces look; 95 bits of randomness.
  nonce: () => [...randomBytes(16)].map((byte) => ALPHANUMERIC[byte % 62]).join(''),
}

/** The body's bytes, for a payload hash; a file body is read once more (its stream factory opens a new one). */
export async function bodyBytes(body: OutgoingBody): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0)
  if (Buffer.isBuffer(body)) return body
  const chunks: Buffer[] = []
  for await (const chunk of body()) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string))
  return Buffer.concat(chunks)
}

/** The request without what a previous signature of it added. */
export function withoutSignature<R extends SignableRequest>(request: R): R {
  const parts = request.signedParts
  if (!parts) return request
  const headers = request.headers.filter(([name]) => !parts.headers.includes(name.toLowerCase()))
  let url = request.url
  if (parts.query.length && url.search !== '') {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((piece) => !parts.query.includes(decodeURIComponent(piece.split('=')[0]!).toLowerCase()))
    url = new URL(url.href)
    url.search = kept.length ? `?${kept.join('&')}` : ''
  }
  let { body, bodySize, bodyPreview } = request
  if (parts.body.length && Buffer.isBuffer(body)) {
    const kept = body
      .toString('latin1')
      .split('&')
      .filter((piece) => !parts.body.includes(decodeURIComponent(piece.split('=')[0]!).toLowerCase()))
      .join('&')
    body = Buffer.from(kept, 'latin1')
    bodySize = body.length
    bodyPreview = bodyPreview === undefined ? undefined : body.toString('utf8')
    const lengthAt = headers.findIndex(([name]) => name.toLowerCase() === 'content-length')
    if (lengthAt !== -1) headers[lengthAt] = [headers[lengthAt]![0], String(bodySize)]
  }
  const { signedParts: _, ...rest } = { ...request, headers, url, body, bodySize, bodyPreview }
  return rest as R
}

export type SignOutcome<R> = { request: R; note?: string }

/**
 * Signs one exchange as it will be written: its method, its final URL and query, its headers and
 * body. Called for every exchange (each retry, each redirect hop to the origin addressed), so
 * every signature covers what that exchange sends, with its own timestamp and nonce.
 */
export async function signRequest<R extends SignableRequest>(
  request: R,
  clock: SigningClock = REAL_SIGNING_CLOCK,
): Promise<SignOutcome<R>> {
  const signer = request.signer
  if (!signer) return { request }
  const unsigned = withoutSignature(request)
  if (unsigned.headers.some(([name]) => name.toLowerCase() === 'authorization')) {
    return { request: unsigned, note: 'Your Authorization header row replaces the signature from the Auth tab.' }
  }
  return signer.kind === 'oauth1'
    ? signOAuth1(unsigned, signer.config, clock)
    : signAwsV4(unsigned, signer.config, clock)
}
