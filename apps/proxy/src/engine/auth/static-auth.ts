import { headerValueProblem, isHeaderNameValid, type Auth, type Pair } from '@courier/shared'
import { CourierError } from '../../errors.js'
import type { RequestSigner } from './sign-request.js'

/** Credentials the engine uses to answer a Digest challenge (RFC 7616); never sent unasked. */
export type DigestCredentials = { username: string; password: string }

/** What the Auth tab adds to a request before it is sent. */
export type StaticAuth = {
  header: Pair | null
  query: Pair | null
  digest: DigestCredentials | null
  /** OAuth 1.0 and AWS Signature: signed by the engine right before each exchange is written. */
  signer: RequestSigner | null
  notes: string[]
}

/**
 * Turns the Auth tab into what goes on the wire: Basic and Bearer become an Authorization header,
 * an API key a header or a query parameter, Digest credentials wait for the server's 401 challenge,
 * OAuth 1.0 and AWS Signature become a signer the engine applies to each exchange (sign-request.ts).
 * `inherit` reaching the engine means no parent supplied auth, so nothing is added. OAuth 2 is
 * turned into Bearer by the server before the engine sees it (send/perform-send.ts).
 */
export function staticAuth(auth: Auth): StaticAuth {
  const none: StaticAuth = { header: null, query: null, digest: null, signer: null, notes: [] }
  switch (auth.type) {
    case 'basic': {
      // RFC 7617 §2.1: user-id ":" password, UTF-8 (the charset every current server expects).
      const credentials = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')
      return { ...none, header: ['Authorization', `Basic ${credentials}`] }
    }
    case 'bearer': {
      if (auth.token === '')
        return { ...none, notes: ['The Auth tab has an empty bearer token, so no Authorization header was sent.'] }
      const prefix = auth.prefix.trim()
      return { ...none, header: ['Authorization', prefix === '' ? auth.token : `${prefix} ${auth.token}`] }
    }
    case 'apikey': {
      const name = auth.name.trim()
      if (name === '') return { ...none, notes: ['The API key has no name, so it was not sent.'] }
      return auth.in === 'query' ? { ...none, query: [name, auth.value] } : { ...none, header: [name, auth.value] }
    }
    case 'digest':
      return { ...none, digest: { username: auth.username, password: auth.password } }
    case 'oauth1':
      return { ...none, signer: { kind: 'oauth1', config: auth.config } }
    case 'awsv4':
      return { ...none, signer: { kind: 'awsv4', config: auth.config } }
    case 'oauth2':
      return { ...none, notes: ['OAuth 2 tokens are attached by the Courier server; this send had none.'] }
    default:
      return none
  }
}

/** Appends one query parameter to a URL without re-encoding the parameters already there. */
export function appendQueryParam(url: URL, [name, value]: Pair): void {
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`
  url.search = url.search === '' || url.search === '?' ? `?${pair}` : `${url.search}&${pair}`
}

/** Whether the URL already carries a query parameter with this (decoded) name. */
export function hasQueryParam(url: URL, name: string): boolean {
  return url.searchParams.has(name)
}

/** The Auth tab's header must be as valid as any header row (docs/security.md#what-a-send-carries). */
export function assertAuthHeaderValid([name, value]: Pair): void {
  if (!isHeaderNameValid(name)) {
    throw new CourierError(
      'HEADER_INVALID',
      `The API key name "${name.slice(0, 60)}" is not a valid header name: use letters, digits and !#$%&'*+-.^_\`|~ without spaces.`,
      { field: 'auth.name', phase: 'validate' },
    )
  }
  const problem = headerValueProblem(value)
  if (problem) {
    const what = problem === 'non-latin1' ? 'characters outside Latin-1' : 'a line break or control character'
    throw new CourierError(
      'HEADER_INVALID',
      `The ${name} value from the Auth tab contains ${what}, which HTTP headers do not allow.`,
      { field: 'auth', phase: 'validate' },
    )
  }
}
