import { createHash, randomBytes } from 'node:crypto'
import type { Pair } from '@courier/shared'
import { parseChallenges, type Challenge } from './parse-challenges.js'
import type { DigestCredentials } from './static-auth.js'

/** RFC 7616 §3.2 algorithms Courier answers, strongest first; `-sess` variants share a hash. */
const HASHES: Record<string, string> = { 'SHA-512-256': 'sha512-256', 'SHA-256': 'sha256', MD5: 'md5' }
const STRENGTH = ['SHA-512-256', 'SHA-256', 'MD5']

export type DigestChallenge = {
  realm: string
  nonce: string
  opaque: string | undefined
  /** As the server named it, e.g. `SHA-256` or `MD5-sess`. */
  algorithm: string
  qop: 'auth' | 'auth-int' | null
  userhash: boolean
}

function baseAlgorithm(algorithm: string): string {
  return algorithm.toUpperCase().replace(/-SESS$/, '')
}

function usable(challenge: Challenge, canHashBody: boolean): DigestChallenge | null {
  if (challenge.scheme.toLowerCase() !== 'digest') return null
  const { realm, nonce } = challenge.params
  if (realm === undefined || nonce === undefined) return null
  const algorithm = challenge.params.algorithm ?? 'MD5' // RFC 7616 §3.3: absent means MD5
  if (!(baseAlgorithm(algorithm) in HASHES)) return null
  let qop: DigestChallenge['qop'] = null
  if (challenge.params.qop !== undefined) {
    const offered = challenge.params.qop.split(',').map((q) => q.trim().toLowerCase())
    if (offered.includes('auth')) qop = 'auth'
    else if (offered.includes('auth-int') && canHashBody) qop = 'auth-int'
    else return null
  }
  return {
    realm,
    nonce,
    opaque: challenge.params.opaque,
    algorithm,
    qop,
    userhash: challenge.params.userhash?.toLowerCase() === 'true',
  }
}

/**
 * The strongest Digest challenge among a 401's WWW-Authenticate lines that Courier can answer
 * (RFC 7616 §3.7: a client picks the first it supports in the server's preference; servers list
 * SHA-256 before MD5, so strength order is the same choice), or null when there is none.
 */
export function pickDigestChallenge(headers: readonly Pair[], canHashBody: boolean): DigestChallenge | null {
  const values = headers.filter(([name]) => name.toLowerCase() === 'www-authenticate').map(([, value]) => value)
  const candidates = parseChallenges(values)
    .map((challenge) => usable(challenge, canHashBody))
    .filter((challenge): challenge is DigestChallenge => challenge !== null)
  candidates.sort((a, b) => STRENGTH.indexOf(baseAlgorithm(a.algorithm)) - STRENGTH.indexOf(baseAlgorithm(b.algorithm)))
  return candidates[0] ?? null
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`
}

export type DigestInput = {
  challenge: DigestChallenge
  credentials: DigestCredentials
  method: string
  /** The request target as sent: path and query. */
  uri: string
  /** Needed for qop=auth-int only. */
  body?: Buffer | null
  /** Fixed in tests (RFC 7616 §3.9 examples); random otherwise. */
  cnonce?: string
  nc?: number
}

/** The Authorization value answering a Digest challenge (RFC 7616 §3.4). */
export function digestAuthorization(input: DigestInput): string {
  const { challenge, credentials } = input
  const algorithm = HASHES[baseAlgorithm(challenge.algorithm)]!
  const H = (text: string | Buffer) => createHash(algorithm).update(text).digest('hex')
  const cnonce = input.cnonce ?? randomBytes(16).toString('hex')
  const nc = (input.nc ?? 1).toString(16).padStart(8, '0')

  let ha1 = H(`${credentials.username}:${challenge.realm}:${credentials.password}`)
  if (/-sess$/i.test(challenge.algorithm)) ha1 = H(`${ha1}:${challenge.nonce}:${cnonce}`)
  const ha2 =
    challenge.qop === 'auth-int'
      ? H(`${input.method}:${input.uri}:${H(input.body ?? Buffer.alloc(0))}`)
      : H(`${input.method}:${input.uri}`)
  const response = challenge.qop
    ? H(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`)
    : H(`${ha1}:${challenge.nonce}:${ha2}`)

  const parts: string[] = []
  // RFC 7616 §3.4.4: a name that cannot travel in a quoted string goes hashed or as username*.
  const plainName = /^[\x20-\x7e]*$/.test(credentials.username)
  if (challenge.userhash) parts.push(`username=${quote(H(`${credentials.username}:${challenge.realm}`))}`)
  else if (plainName) parts.push(`username=${quote(credentials.username)}`)
  else parts.push(`username*=UTF-8''${encodeURIComponent(credentials.username)}`)
  parts.push(
    `realm=${quote(challenge.realm)}`,
    `uri=${quote(input.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `nonce=${quote(challenge.nonce)}`,
  )
  if (challenge.qop) parts.push(`nc=${nc}`, `cnonce=${quote(cnonce)}`, `qop=${challenge.qop}`)
  parts.push(`response=${quote(response)}`)
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`)
  if (challenge.userhash) parts.push('userhash=true')
  return `Digest ${parts.join(', ')}`
}
