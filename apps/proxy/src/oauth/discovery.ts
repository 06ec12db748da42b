import type { OAuthHttpExchange, OAuthMetadata } from '@courier/shared'
import type { CourierError } from '../errors.js'
import { exchangeView } from './inspector-mask.js'
import { inStep, oauthError } from './oauth-error.js'
import { oauthHttp, type OAuthHttpContext } from './oauth-http.js'

export type DiscoveryResult =
  | { ok: true; metadata: OAuthMetadata; exchanges: OAuthHttpExchange[] }
  | { ok: false; error: CourierError; exchanges: OAuthHttpExchange[] }

/** Issuers compare as strings (OpenID Connect Discovery §4.3); a lone trailing slash is forgiven. */
export function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '')
}

/** The URL of an http(s) endpoint named in a config or a document, or null. */
export function httpUrl(text: string | null | undefined): URL | null {
  if (!text) return null
  try {
    const url = new URL(text.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
  } catch {
    return null
  }
}

function candidates(issuer: URL): URL[] {
  const path = issuer.pathname.replace(/\/$/, '')
  // OpenID Connect Discovery §4.1 appends to the issuer; RFC 8414 §3.1 inserts before its path.
  const oidc = new URL(`${issuer.origin}${path}/.well-known/openid-configuration`)
  const rfc8414 = new URL(`${issuer.origin}/.well-known/oauth-authorization-server${path}`)
  return [oidc, rfc8414]
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

function endpoint(value: unknown): string | null {
  return typeof value === 'string' && httpUrl(value) ? value : null
}

/**
 * Fetches an issuer's metadata: `/.well-known/openid-configuration`, then RFC 8414's
 * `/.well-known/oauth-authorization-server`. The document must name the same issuer it was
 * fetched for, or a mix-up is possible (RFC 8414 §3.3), so it is refused.
 */
export async function discover(issuerText: string, http: OAuthHttpContext): Promise<DiscoveryResult> {
  const exchanges: OAuthHttpExchange[] = []
  const issuer = httpUrl(issuerText)
  if (!issuer) {
    return {
      ok: false,
      exchanges,
      error: oauthError(
        'OAUTH_CONFIG_INVALID',
        'discovery',
        `Discovery: "${issuerText.slice(0, 200)}" is not an http(s) issuer URL.`,
        { field: 'config.issuer' },
      ),
    }
  }
  let lastProblem = 'no metadata document was found'
  for (const url of candidates(issuer)) {
    let response
    try {
      response = await oauthHttp({ method: 'GET', url }, http)
    } catch (error) {
      exchanges.push(exchangeView('GET', url, null, { headers: [['Host', url.host]] }))
      const failure = inStep(error, 'discovery', `Discovery at ${url.href}`)
      return {
        ok: false,
        exchanges,
        error: oauthError('OAUTH_DISCOVERY_FAILED', 'discovery', failure.message, { cause: error }),
      }
    }
    exchanges.push(exchangeView('GET', url, response))
    if (response.status === 404) continue
    if (response.status !== 200) {
      lastProblem = `${url.href} answered ${response.status} ${response.statusText}`
      continue
    }
    let document: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse(response.text)
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
      document = parsed as Record<string, unknown>
    } catch {
      return {
        ok: false,
        exchanges,
        error: oauthError(
          'OAUTH_DISCOVERY_FAILED',
          'discovery',
          `Discovery: ${url.href} did not answer a JSON object.`,
        ),
      }
    }
    if (typeof document.issuer !== 'string' || !sameIssuer(document.issuer, issuerText.trim())) {
      return {
        ok: false,
        exchanges,
        error: oauthError(
          'OAUTH_DISCOVERY_FAILED',
          'discovery',
          `Discovery: the document at ${url.href} names the issuer ${JSON.stringify(document.issuer ?? null)}, not ${issuerText.trim()}; Courier refuses metadata for another issuer.`,
        ),
      }
    }
    return {
      ok: true,
      exchanges,
      metadata: {
        issuer: document.issuer,
        authorizationEndpoint: endpoint(document.authorization_endpoint),
        tokenEndpoint: endpoint(document.token_endpoint),
        deviceAuthorizationEndpoint: endpoint(document.device_authorization_endpoint),
        jwksUri: endpoint(document.jwks_uri),
        scopesSupported: strings(document.scopes_supported),
        grantTypesSupported: strings(document.grant_types_supported),
        codeChallengeMethodsSupported: strings(document.code_challenge_methods_supported),
        tokenEndpointAuthMethodsSupported: strings(document.token_endpoint_auth_methods_supported),
        issParameterSupported: document.authorization_response_iss_parameter_supported === true,
        source: url.href,
      },
    }
  }
  return {
    ok: false,
    exchanges,
    error: oauthError('OAUTH_DISCOVERY_FAILED', 'discovery', `Discovery for ${issuerText.trim()}: ${lastProblem}.`),
  }
}
