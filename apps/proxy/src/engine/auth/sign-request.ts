import { signAwsV4 } from './aws-sigv4-request.js'
import { signOAuth1 } from './oauth1-request.js'
import { REAL_SIGNING_CLOCK, type SignableRequest, type SigningClock, type SignOutcome } from './signable-request.js'

export type { RequestSigner, SignedParts, SigningClock } from './signable-request.js'

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
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
      .filter((piece) => !parts.query.includes(decodeSafe(piece.split('=')[0]!).toLowerCase()))
    url = new URL(url.href)
    url.search = kept.length ? `?${kept.join('&')}` : ''
  }
  let { body, bodySize, bodyPreview } = request
  if (parts.body.length && Buffer.isBuffer(body)) {
    const kept = body
      .toString('latin1')
      .split('&')
      .filter((piece) => !parts.body.includes(decodeSafe(piece.split('=')[0]!).toLowerCase()))
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
