import type { OAuth2Config, OAuthCheck, OAuthMetadata, Pair } from '@courier/shared'
import type { CourierError } from '../errors.js'
import { authorizeUrl } from './authorize-url.js'
import { sameIssuer } from './discovery.js'
import { oauthError } from './oauth-error.js'
import { codeChallenge, newCodeVerifier, newState } from './pkce.js'

export type AuthorizationRequest = {
  url: URL
  /** Sent in the URL, in order, for the inspector. */
  params: Pair[]
  state: string
  /** The value of the per-flow cookie that binds the callback to this browser. */
  binding: string
  verifier: string | null
  nonce: string | null
  checks: OAuthCheck[]
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname)
}

/**
 * The authorization request of a browser grant (authorization code, with PKCE, implicit; RFC 6749
 * §4.1.1, §4.2.1): fresh state and binding, a PKCE verifier (RFC 7636) and an OpenID nonce where
 * they apply, and the checks the inspector lists about how safe the flow is. `redirectUri` is
 * sent as the exact string typed.
 */
export function authorizationRequest(
  endpoint: URL,
  config: OAuth2Config,
  grant: OAuth2Config['grant'],
  redirectUri: string,
  redirect: URL,
  metadata: OAuthMetadata | null,
): AuthorizationRequest {
  const state = newState()
  const binding = newState()
  const usesPkce = grant === 'authorization_code_pkce'
  const verifier = usesPkce ? newCodeVerifier() : null
  const wantsNonce = grant === 'implicit' || config.scope.split(/\s+/).includes('openid')
  const nonce = wantsNonce ? newState() : null

  const ours: Pair[] = [
    ['response_type', grant === 'implicit' ? 'token' : 'code'],
    ['client_id', config.clientId],
    ['redirect_uri', redirectUri],
    ['scope', config.scope.trim()],
    ['state', state],
    ...(verifier
      ? ([
          ['code_challenge', codeChallenge(verifier, config.pkceMethod)],
          ['code_challenge_method', config.pkceMethod],
        ] as Pair[])
      : []),
    ['nonce', nonce ?? ''],
    ['audience', config.audience.trim()],
    ['resource', config.resource.trim()],
  ]
  const built = authorizeUrl(endpoint, ours, config.authParams)
  const checks: OAuthCheck[] = [
    { label: 'state: 256 random bits, one use, expires in 10 minutes, bound to this browser', ok: true },
  ]
  if (usesPkce && config.pkceMethod === 'S256') {
    checks.push({
      label: 'PKCE S256: the verifier stays on the Courier server',
      ok: true,
      detail: 'A 43-character verifier from 32 random bytes; only its SHA-256 challenge goes to the provider.',
    })
  } else if (usesPkce) {
    checks.push({
      label: 'PKCE plain: the challenge is the verifier itself',
      ok: false,
      detail: 'RFC 7636 §4.2: use S256 unless the provider cannot.',
    })
  } else if (grant === 'authorization_code') {
    checks.push({
      label: 'No PKCE',
      ok: false,
      detail: 'RFC 9700 §2.1.1: every client should use PKCE; Courier keeps the state check.',
    })
  } else {
    checks.push({
      label: 'Implicit grant',
      ok: false,
      detail: 'RFC 9700 §2.1.2: the token travels in the URL; prefer authorization code with PKCE.',
    })
  }
  if (
    usesPkce &&
    metadata &&
    metadata.codeChallengeMethodsSupported.length > 0 &&
    !metadata.codeChallengeMethodsSupported.includes(config.pkceMethod)
  ) {
    checks.push({
      label: `The provider does not list ${config.pkceMethod} among its PKCE methods`,
      ok: false,
      detail: `It lists ${metadata.codeChallengeMethodsSupported.join(', ')}.`,
    })
  }
  if (redirect.protocol === 'http:' && !isLoopback(redirect.hostname)) {
    checks.push({
      label: 'The redirect URI is plain http on a non-loopback host',
      ok: false,
      detail: 'RFC 9700 §2.6: the code would travel unencrypted.',
    })
  }
  for (const name of built.ignored)
    checks.push({
      label: `Extra parameter ${name} ignored`,
      ok: false,
      detail: 'Courier sets it for the flow’s safety.',
    })
  return { url: built.url, params: built.params, state, binding, verifier, nonce, checks }
}

export type StateCheckInput = {
  ageMs: number
  expired: boolean
  /** The redirect URL was pasted into this flow (rather than captured with the binding cookie). */
  pasted: boolean
  /** The callback's `iss` parameter, if any. */
  iss: string | null
  /** The issuer the flow started with, from the config or discovery. */
  issuer: string | null
  issParameterSupported: boolean
}

/**
 * The state check of a callback whose state matched a flow, as the inspector lists it: its
 * lifetime, and RFC 9207's `iss` (mix-up defence). An error means nothing may be exchanged.
 */
export function checkState(input: StateCheckInput): { checks: OAuthCheck[]; error: CourierError | null } {
  const seconds = Math.round(input.ageMs / 1000)
  if (input.expired) {
    return {
      error: oauthError(
        'OAUTH_STATE_EXPIRED',
        'state',
        `State check: the answer came ${seconds} s after the flow started, past its 10-minute lifetime; start the flow again.`,
      ),
      checks: [
        { label: 'The state matches the flow', ok: true },
        { label: `Answered ${seconds} s after the start (limit 600 s)`, ok: false },
      ],
    }
  }
  const checks: OAuthCheck[] = [
    { label: 'The state matches the flow', ok: true },
    {
      label: input.pasted ? 'Pasted into this flow in Courier' : 'Bound to the browser that started the flow',
      ok: true,
    },
    { label: 'First use of this state', ok: true },
    { label: `Answered ${seconds} s after the start (limit 600 s)`, ok: true },
  ]
  const { iss, issuer } = input
  if (iss !== null) {
    if (issuer && !sameIssuer(issuer, iss)) {
      return {
        error: oauthError(
          'OAUTH_ISSUER_MISMATCH',
          'state',
          `State check: the answer says it comes from ${iss}, but the flow started with ${issuer} (RFC 9207 mix-up defence); nothing was exchanged.`,
        ),
        checks: [...checks, { label: `iss is ${iss}, not ${issuer}`, ok: false }],
      }
    }
    checks.push(
      issuer
        ? { label: `iss matches the issuer (${iss})`, ok: true }
        : { label: `iss is ${iss}, but no issuer is configured to compare it with`, ok: false },
    )
  } else if (input.issParameterSupported) {
    return {
      error: oauthError(
        'OAUTH_ISSUER_MISMATCH',
        'state',
        `State check: ${issuer} promises an iss parameter (RFC 9207), and this answer has none; nothing was exchanged.`,
      ),
      checks: [...checks, { label: 'iss is missing', ok: false }],
    }
  }
  return { checks, error: null }
}
