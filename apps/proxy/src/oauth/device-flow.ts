import type { OAuth2Config, OAuthCheck, OAuthDeviceView, OAuthHttpExchange } from '@courier/shared'
import type { CourierError } from '../errors.js'
import { failFlow, newStep, putStep, type Flow } from './flow-record.js'
import { oauthError } from './oauth-error.js'
import type { OAuthHttpContext } from './oauth-http.js'
import { STEP_IN_MESSAGES, STEP_TITLES } from './step-titles.js'
import { describeProviderError, parseTokenResponse, providerErrorIn, type TokenSet } from './token-response.js'
import { authenticateClient, postForm, withExtraParams, withScopeParams } from './token-request.js'

export type DeviceStart =
  | { ok: true; deviceCode: string; device: OAuthDeviceView; exchange: OAuthHttpExchange; checks: OAuthCheck[] }
  | { ok: false; error: CourierError; exchange: OAuthHttpExchange }

/** RFC 8628 §3.1–3.2: asks for a device code and the user code the person types elsewhere. */
export async function startDeviceAuthorization(
  url: URL,
  config: OAuth2Config,
  http: OAuthHttpContext,
  now: number,
): Promise<DeviceStart> {
  const form = new URLSearchParams()
  withScopeParams(form, config)
  withExtraParams(form, config.authParams)
  const headers = authenticateClient(config, form)
  if (!form.has('client_id')) form.set('client_id', config.clientId) // §3.1: the id travels even with Basic auth
  const posted = await postForm(
    url,
    form,
    headers,
    'device-authorization',
    STEP_IN_MESSAGES['device-authorization'],
    http,
  )
  if (!posted.ok) return posted
  const { response, exchange } = posted
  const fail = (message: string): DeviceStart => ({
    ok: false,
    exchange,
    error: oauthError('OAUTH_PROVIDER_ERROR', 'device-authorization', `Device authorization: ${message}`),
  })
  if (response.status !== 200) {
    const providerError = providerErrorIn(response)
    return fail(
      `the provider answered ${response.status} ${response.statusText}${providerError ? `: ${describeProviderError(providerError)}` : ''}.`,
    )
  }
  let body: Record<string, unknown>
  try {
    body = JSON.parse(response.text) as Record<string, unknown>
  } catch {
    return fail('the answer is not JSON.')
  }
  // Some providers (Google) still say verification_url, from the draft.
  const verificationUri =
    typeof body.verification_uri === 'string'
      ? body.verification_uri
      : typeof body.verification_url === 'string'
        ? body.verification_url
        : null
  if (typeof body.device_code !== 'string' || typeof body.user_code !== 'string' || !verificationUri) {
    return fail('the answer lacks device_code, user_code or verification_uri (RFC 8628 §3.2).')
  }
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 600
  const interval = typeof body.interval === 'number' && body.interval > 0 ? Math.ceil(body.interval) : 5 // §3.2 default
  const checks: OAuthCheck[] = [
    {
      label: `Poll every ${interval} s${typeof body.interval === 'number' ? '' : ' (the RFC 8628 default)'}`,
      ok: true,
    },
    { label: `The code is valid for ${expiresIn} s`, ok: true },
  ]
  return {
    ok: true,
    deviceCode: body.device_code,
    exchange,
    checks,
    device: {
      userCode: body.user_code,
      verificationUri,
      verificationUriComplete:
        typeof body.verification_uri_complete === 'string' ? body.verification_uri_complete : null,
      expiresAt: new Date(now + expiresIn * 1000).toISOString(),
      intervalSeconds: interval,
    },
  }
}

export type PollInput = {
  flow: Flow
  tokenUrl: URL
  http: () => Promise<OAuthHttpContext>
  wait: (ms: number, signal: AbortSignal) => Promise<void>
  now: () => number
  signal: AbortSignal
  save: (secretChanged?: boolean) => Promise<void>
  complete: (tokens: TokenSet, exchange: OAuthHttpExchange, checks: OAuthCheck[]) => Promise<void>
}

/**
 * RFC 8628 §3.4–3.5: polls the token endpoint at the given interval until the person finishes.
 * `authorization_pending` keeps polling, `slow_down` adds 5 seconds to this and every later
 * interval, `access_denied` and `expired_token` end the flow; so does the code's own expiry.
 */
export async function pollDevice(input: PollInput): Promise<void> {
  const { flow } = input
  const device = flow.view.device!
  let polls = 0
  const failWith = async (error: CourierError, exchange?: OAuthHttpExchange) => {
    putStep(
      flow.view,
      newStep('device-poll', STEP_TITLES['device-poll'], 'failed', new Date(input.now()).toISOString(), {
        ...(exchange ? { exchange } : {}),
        summary: `${polls} poll${polls === 1 ? '' : 's'}.`,
        error: { code: error.code, message: error.message },
      }),
    )
    failFlow(flow.view, error, 'device-poll')
    await input.save()
  }

  for (;;) {
    try {
      await input.wait(device.intervalSeconds * 1000, input.signal)
    } catch {
      return // cancelled
    }
    if (input.signal.aborted) return
    if (input.now() > Date.parse(device.expiresAt)) {
      return failWith(
        oauthError(
          'OAUTH_STATE_EXPIRED',
          'device-poll',
          `Device poll: the code ${device.userCode} expired before the sign-in finished; start again.`,
        ),
      )
    }
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: flow.secret.deviceCode ?? '',
    })
    withExtraParams(form, flow.secret.config.tokenParams)
    const headers = authenticateClient(flow.secret.config, form)
    const posted = await postForm(
      input.tokenUrl,
      form,
      headers,
      'device-poll',
      STEP_IN_MESSAGES['device-poll'],
      await input.http(),
    )
    polls++
    if (input.signal.aborted) return
    if (!posted.ok) return failWith(posted.error, posted.exchange)
    const { response, exchange } = posted

    if (response.status >= 200 && response.status < 300) {
      const parsed = parseTokenResponse(response, 'device-poll', STEP_IN_MESSAGES['device-poll'], input.now())
      if (!parsed.ok) return failWith(parsed.error, exchange)
      return input.complete(parsed.tokens, exchange, [
        { label: `Signed in after ${polls} poll${polls === 1 ? '' : 's'}`, ok: true },
        ...parsed.checks,
      ])
    }
    const providerError = providerErrorIn(response)
    switch (providerError?.error) {
      case 'authorization_pending':
        break
      case 'slow_down':
        device.intervalSeconds += 5
        break
      case 'access_denied':
        return failWith(
          oauthError(
            'OAUTH_PROVIDER_ERROR',
            'device-poll',
            `Device poll: the person declined the sign-in (access_denied${providerError.description ? `: ${providerError.description}` : ''}).`,
          ),
          exchange,
        )
      case 'expired_token':
        return failWith(
          oauthError(
            'OAUTH_STATE_EXPIRED',
            'device-poll',
            'Device poll: the provider says the device code expired (expired_token); start again.',
          ),
          exchange,
        )
      default:
        return failWith(
          oauthError(
            'OAUTH_TOKEN_EXCHANGE_FAILED',
            'device-poll',
            `Device poll: the token endpoint answered ${response.status} ${response.statusText}${providerError ? `: ${describeProviderError(providerError)}` : ''}.`,
          ),
          exchange,
        )
    }
    putStep(
      flow.view,
      newStep('device-poll', STEP_TITLES['device-poll'], 'waiting', new Date(input.now()).toISOString(), {
        exchange,
        summary: `${polls} poll${polls === 1 ? '' : 's'}; last answer ${providerError!.error}; polling every ${device.intervalSeconds} s${providerError!.error === 'slow_down' ? ' (slowed down by 5 s as asked)' : ''}.`,
      }),
    )
    await input.save()
  }
}
