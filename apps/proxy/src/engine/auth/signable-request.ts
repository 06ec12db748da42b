import { randomBytes } from 'node:crypto'
import type { AwsSigV4Config, OAuth1Config, Pair } from '@courier/shared'
import type { OutgoingBody } from '../exchange.js'

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

/** A signed request, or the request unchanged with a note saying why it was not signed. */
export type SignOutcome<R> = { request: R; note?: string }
