import { headerValue, type OAuthCheck, type OAuthStepId } from '@courier/shared'
import type { CourierError } from '../errors.js'
import { oauthError } from './oauth-error.js'
import type { OAuthHttpResponse } from './oauth-http.js'

/** What a token endpoint (or an implicit-grant fragment) handed over. */
export type TokenSet = {
  accessToken: string
  tokenType: string
  refreshToken: string | null
  idToken: string | null
  scope: string | null
  expiresAt: string | null
  obtainedAt: string
}

export type ProviderError = { error: string; description: string | null; uri: string | null }

/** RFC 6749 §5.2 error body, when the answer is one. */
export function providerErrorIn(response: OAuthHttpResponse): ProviderError | null {
  try {
    const body = JSON.parse(response.text) as Record<string, unknown>
    if (typeof body.error !== 'string') return null
    return {
      error: body.error,
      description: typeof body.error_description === 'string' ? body.error_description : null,
      uri: typeof body.error_uri === 'string' ? body.error_uri : null,
    }
  } catch {
    return null
  }
}

export function describeProviderError(error: ProviderError): string {
  return `${error.error}${error.description ? ` (${error.description})` : ''}`
}

/** `expires_in` as a number of seconds, accepting the numeric strings some providers send. */
export function expiresAtFrom(expiresIn: unknown, now: number): string | null {
  const seconds =
    typeof expiresIn === 'number'
      ? expiresIn
      : typeof expiresIn === 'string' && /^\d+$/.test(expiresIn)
        ? Number(expiresIn)
        : NaN
  return Number.isFinite(seconds) && seconds >= 0 ? new Date(now + seconds * 1000).toISOString() : null
}

export type ParsedTokens =
  | { ok: true; tokens: TokenSet; checks: OAuthCheck[] }
  | { ok: false; error: CourierError; providerError: ProviderError | null }

/**
 * Reads a token endpoint answer (RFC 6749 §5.1): a 2xx JSON object with a string access_token.
 * Anything else is refused with the step named, so nothing half-valid is ever stored.
 */
export function parseTokenResponse(
  response: OAuthHttpResponse,
  step: OAuthStepId,
  what: string,
  now = Date.now(),
): ParsedTokens {
  const fail = (message: string, providerError: ProviderError | null = null): ParsedTokens => ({
    ok: false,
    error: oauthError('OAUTH_TOKEN_EXCHANGE_FAILED', step, `${what}: ${message}`),
    providerError,
  })
  if (response.status >= 300 && response.status < 400) {
    const location = headerValue(response.headers, 'location')
    return fail(
      `the token endpoint answered ${response.status}${location ? ` (to ${location.slice(0, 200)})` : ''}; Courier does not follow token endpoint redirects with the code or client secret.`,
    )
  }
  if (response.status < 200 || response.status >= 300) {
    const providerError = providerErrorIn(response)
    return fail(
      `the token endpoint answered ${response.status} ${response.statusText}${providerError ? `: ${describeProviderError(providerError)}` : ''}.`,
      providerError,
    )
  }
  let body: unknown
  try {
    body = JSON.parse(response.text)
  } catch {
    const type = headerValue(response.headers, 'content-type') ?? 'no content type'
    return fail(`the token endpoint answered ${response.status} but its body is not JSON (${type}).`)
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return fail('the token endpoint answered JSON that is not an object.')
  const fields = body as Record<string, unknown>
  if (typeof fields.access_token !== 'string' || fields.access_token === '') {
    const providerError = providerErrorIn(response)
    return fail(
      providerError
        ? `the provider answered ${describeProviderError(providerError)}.`
        : 'the answer has no access_token.',
      providerError,
    )
  }
  const checks: OAuthCheck[] = []
  const tokenType = typeof fields.token_type === 'string' && fields.token_type !== '' ? fields.token_type : 'Bearer'
  checks.push(
    typeof fields.token_type === 'string'
      ? { label: `token_type is ${fields.token_type}`, ok: true }
      : { label: 'token_type is missing', ok: false, detail: 'RFC 6749 §5.1 requires it; Courier assumes Bearer.' },
  )
  const expiresAt = expiresAtFrom(fields.expires_in, now)
  checks.push(
    expiresAt
      ? { label: `Expires in ${String(fields.expires_in)} s`, ok: true, detail: `at ${expiresAt}` }
      : { label: 'No expires_in', ok: true, detail: 'The token is treated as valid until the API refuses it.' },
  )
  if (typeof fields.refresh_token === 'string') checks.push({ label: 'A refresh token came with it', ok: true })
  return {
    ok: true,
    checks,
    tokens: {
      accessToken: fields.access_token,
      tokenType,
      refreshToken:
        typeof fields.refresh_token === 'string' && fields.refresh_token !== '' ? fields.refresh_token : null,
      idToken: typeof fields.id_token === 'string' && fields.id_token !== '' ? fields.id_token : null,
      scope: typeof fields.scope === 'string' ? fields.scope : null,
      expiresAt,
      obtainedAt: new Date(now).toISOString(),
    },
  }
}
