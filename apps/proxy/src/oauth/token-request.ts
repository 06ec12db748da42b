import type { OAuth2Config, OAuthCheck, OAuthHttpExchange, OAuthStepId, Pair } from '@courier/shared'
import type { CourierError } from '../errors.js'
import { exchangeView } from './inspector-mask.js'
import { inStep } from './oauth-error.js'
import { oauthHttp, type OAuthHttpContext, type OAuthHttpResponse } from './oauth-http.js'
import { parseTokenResponse, type ProviderError, type TokenSet } from './token-response.js'

type Client = Pick<OAuth2Config, 'clientId' | 'clientSecret' | 'clientAuth'>

/**
 * Client authentication (RFC 6749 §2.3.1): client_secret_basic puts the form-encoded id and
 * secret in a Basic header; client_secret_post puts both in the body; a public client sends
 * its id only.
 */
export function authenticateClient(client: Client, form: URLSearchParams): Pair[] {
  if (client.clientAuth === 'client_secret_basic' && client.clientSecret !== '') {
    const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+')
    const credentials = Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`, 'utf8').toString(
      'base64',
    )
    return [['Authorization', `Basic ${credentials}`]]
  }
  if (client.clientId !== '') form.set('client_id', client.clientId)
  if (client.clientAuth === 'client_secret_post' && client.clientSecret !== '')
    form.set('client_secret', client.clientSecret)
  return []
}

/** The config's scope, audience and resource, each sent when set. */
export function withScopeParams(
  form: URLSearchParams,
  config: Pick<OAuth2Config, 'scope' | 'audience' | 'resource'>,
): void {
  if (config.scope.trim()) form.set('scope', config.scope.trim())
  if (config.audience.trim()) form.set('audience', config.audience.trim())
  if (config.resource.trim()) form.set('resource', config.resource.trim())
}

/** Extra token parameters from the config: theirs replace Courier's, except the grant itself. */
export function withExtraParams(form: URLSearchParams, extra: readonly Pair[]): void {
  for (const [name, value] of extra) {
    if (name.trim() === '' || name === 'grant_type') continue
    form.set(name, value)
  }
}

export type PostResult =
  | { ok: true; response: OAuthHttpResponse; exchange: OAuthHttpExchange }
  | { ok: false; error: CourierError; exchange: OAuthHttpExchange }

/** POSTs a form to an authorization server endpoint, recording the exchange either way. */
export async function postForm(
  url: URL,
  form: URLSearchParams,
  headers: Pair[],
  step: OAuthStepId,
  what: string,
  http: OAuthHttpContext,
): Promise<PostResult> {
  try {
    const response = await oauthHttp({ method: 'POST', url, headers, form }, http)
    return { ok: true, response, exchange: exchangeView('POST', url, response) }
  } catch (error) {
    const sent = {
      headers: [['Host', url.host], ...headers, ['Content-Type', 'application/x-www-form-urlencoded']] as Pair[],
      body: form.toString(),
    }
    return { ok: false, error: inStep(error, step, what), exchange: exchangeView('POST', url, null, sent) }
  }
}

export type TokenResult =
  | { ok: true; tokens: TokenSet; exchange: OAuthHttpExchange; checks: OAuthCheck[] }
  | { ok: false; error: CourierError; exchange: OAuthHttpExchange; providerError: ProviderError | null }

/** One token request (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6; RFC 8628 §3.4) and its parsed answer. */
export async function requestToken(
  tokenUrl: URL,
  form: URLSearchParams,
  client: Client,
  extra: readonly Pair[],
  step: OAuthStepId,
  what: string,
  http: OAuthHttpContext,
): Promise<TokenResult> {
  withExtraParams(form, extra)
  const headers = authenticateClient(client, form)
  const posted = await postForm(tokenUrl, form, headers, step, what, http)
  if (!posted.ok) return { ...posted, providerError: null }
  const parsed = parseTokenResponse(posted.response, step, what)
  if (!parsed.ok)
    return { ok: false, error: parsed.error, exchange: posted.exchange, providerError: parsed.providerError }
  return { ok: true, tokens: parsed.tokens, exchange: posted.exchange, checks: parsed.checks }
}
