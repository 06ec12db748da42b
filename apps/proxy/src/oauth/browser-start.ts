import { OAUTH_CALLBACK_PATH, type OAuth2Config, type OAuthFlowView, type OAuthMetadata } from '@courier/shared'
import { authorizationRequest } from './browser-flow.js'
import { httpUrl } from './discovery.js'
import { endpointOf, requireClientId } from './flow-endpoints.js'
import { newStep, type FlowSecret } from './flow-record.js'
import { saveNew } from './flow-save.js'
import { maskParams } from './inspector-mask.js'
import type { OAuthContext } from './oauth-context.js'
import { oauthError } from './oauth-error.js'
import { sha256Hex } from './pkce.js'
import { STEP_IN_MESSAGES, STEP_TITLES } from './step-titles.js'

export async function startBrowserFlow(
  context: OAuthContext,
  view: OAuthFlowView,
  secret: FlowSecret,
  grant: OAuth2Config['grant'],
  metadata: OAuthMetadata | null,
): Promise<{ view: OAuthFlowView; binding: string }> {
  const { config } = secret
  const { options } = context
  const endpoint = endpointOf(
    config.authUrl,
    metadata?.authorizationEndpoint,
    'authorize',
    'config.authUrl',
    'authorization URL',
  )
  requireClientId(config, 'authorize')
  const redirectText = config.redirectUri.trim() || options.defaultRedirectUri()
  const redirect =
    httpUrl(redirectText) ??
    (() => {
      try {
        return new URL(redirectText) // custom schemes (com.example.app:/cb) are registered URIs too
      } catch {
        throw oauthError(
          'OAUTH_CONFIG_INVALID',
          'authorize',
          `${STEP_IN_MESSAGES.authorize}: the redirect URI "${redirectText.slice(0, 200)}" is not an absolute URI.`,
          { field: 'config.redirectUri' },
        )
      }
    })()

  const request = authorizationRequest(endpoint, config, grant, redirectText, redirect, metadata)
  secret.verifier = request.verifier
  secret.redirectUri = redirectText // sent and compared as the exact string typed (RFC 9700 §4.1.3)
  secret.nonce = request.nonce

  view.redirectUri = secret.redirectUri
  view.capturesCallback = options.ownOrigins().has(redirect.origin) && redirect.pathname === OAUTH_CALLBACK_PATH
  view.authorizeUrl = request.url.href
  view.status = 'waiting'
  view.steps.push(
    newStep('authorize', STEP_TITLES.authorize, 'waiting', context.iso(), {
      summary: view.capturesCallback
        ? 'Opened in a popup; Courier captures the redirect at /oauth/callback.'
        : `The provider redirects to ${secret.redirectUri}; paste that address into Courier to finish.`,
      url: `${endpoint.origin}${endpoint.pathname}`,
      params: maskParams(request.params),
      checks: request.checks,
    }),
  )
  await saveNew(context, view, secret, sha256Hex(request.state), sha256Hex(request.binding))
  return { view, binding: request.binding }
}
