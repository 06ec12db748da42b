import { createHash, randomBytes } from 'node:crypto'

/** RFC 7636 §4.1 and §7.1: 32 random octets, base64url — a 43-character verifier. */
export function newCodeVerifier(): string {
  return randomBytes(32).toString('base64url')
}

/** RFC 7636 §4.2. */
export function codeChallenge(verifier: string, method: 'S256' | 'plain'): string {
  return method === 'plain' ? verifier : createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** 256 random bits: RFC 6749 §10.10 asks for guesses to succeed with probability ≤ 2^-128. */
export function newState(): string {
  return randomBytes(32).toString('base64url')
}

/** States and binding cookies are stored hashed: a copied database holds nothing to replay. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}
