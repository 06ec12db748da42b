import type { OAuth2Config } from '@courier/shared'
import { httpUrl } from './discovery.js'
import { oauthError } from './oauth-error.js'
import { STEP_IN_MESSAGES } from './step-titles.js'

export function endpointOf(
  configured: string,
  discovered: string | null | undefined,
  step: 'token' | 'authorize' | 'device-authorization',
  field: string,
  label: string,
): URL {
  const what = STEP_IN_MESSAGES[step]
  const text = configured.trim() || discovered || ''
  if (text === '')
    throw oauthError('OAUTH_CONFIG_INVALID', step, `${what}: enter the ${label}, or an issuer to discover it from.`, {
      field,
    })
  const url = httpUrl(text)
  if (!url)
    throw oauthError('OAUTH_CONFIG_INVALID', step, `${what}: "${text.slice(0, 200)}" is not an http(s) URL.`, { field })
  return url
}

export function requireClientId(config: OAuth2Config, step: 'authorize' | 'device-authorization'): void {
  if (config.clientId.trim() === '')
    throw oauthError(
      'OAUTH_CONFIG_INVALID',
      step,
      `${STEP_IN_MESSAGES[step]}: enter the client ID the provider gave this app.`,
      { field: 'config.clientId' },
    )
}
