import {
  OAUTH_STATE_TTL_MS,
  isBrowserGrant,
  type OAuth2Config,
  type OAuthCheck,
  type OAuthFlowView,
  type OAuthMetadata,
} from '@courier/shared'
import { newId } from '../ids.js'
import { startBrowserFlow } from './browser-start.js'
import { startDeviceFlow } from './device-start.js'
import { metadataFor } from './discovery-step.js'
import { endpointOf, requireClientId } from './flow-endpoints.js'
import type { Flow, FlowSecret } from './flow-record.js'
import { recordTokenResult } from './flow-finish.js'
import { rowFor, saveNew } from './flow-save.js'
import type { OAuthContext } from './oauth-context.js'
import { oauthError } from './oauth-error.js'
import { STEP_IN_MESSAGES } from './step-titles.js'
import { requestToken, withScopeParams } from './token-request.js'
import type { StoredToken } from './token-vault.js'
import { ownedEnvironmentKey, type OAuthCaller } from './token-owner.js'

export type Started = { view: OAuthFlowView; binding: string | null }

const FLOW_KEEP_MS = 24 * 60 * 60_000

/**
 * Starts a flow for a resolved config: discovery when an issuer is given, then the grant's first
 * step. Browser grants answer a binding value for the callback cookie; the device grant starts
 * polling; client credentials, password and refresh run their one token request at once.
 */
export async function startFlow(
  context: OAuthContext,
  config: OAuth2Config,
  environmentId: string | null | undefined,
  grant: OAuth2Config['grant'],
  caller?: OAuthCaller,
): Promise<Started> {
  const { iso } = context
  // The caller's own key (team mode: per person), so the tokens this flow obtains are theirs.
  const environmentKey = ownedEnvironmentKey(caller, environmentId)
  const tokenKey = config.tokenKey.trim() || 'default'
  const view: OAuthFlowView = {
    id: newId(),
    grant,
    status: 'waiting',
    createdAt: iso(),
    expiresAt: iso(OAUTH_STATE_TTL_MS),
    environmentKey,
    tokenKey,
    redirectUri: null,
    capturesCallback: false,
    authorizeUrl: null,
    device: null,
    steps: [],
    error: null,
    token: null,
  }
  const secret: FlowSecret = {
    config,
    verifier: null,
    nonce: null,
    deviceCode: null,
    redirectUri: null,
    tokenUrl: null,
    issuer: null,
    issParameterSupported: false,
    jwksUri: null,
  }
  await context.options.store.pruneFlows(iso(-FLOW_KEEP_MS))

  let metadata: OAuthMetadata | null = null
  if (config.issuer.trim() !== '') {
    metadata = await metadataFor(context, config.issuer.trim(), view)
    if (!metadata) return { view: await saveNew(context, view, secret, null, null), binding: null }
    secret.issuer = metadata.issuer
    secret.issParameterSupported = metadata.issParameterSupported
    secret.jwksUri = metadata.jwksUri
  }

  const stored = grant === 'refresh_token' ? await context.vault.get(environmentKey, tokenKey) : null
  if (grant === 'refresh_token' && !stored?.refreshToken) {
    throw oauthError(
      'OAUTH_TOKEN_MISSING',
      'refresh',
      `${STEP_IN_MESSAGES.refresh}: there is no refresh token stored under "${tokenKey}"${environmentKey === 'default' ? '' : ' for this environment'}; get a token with another grant first.`,
      { field: 'config.grant' },
    )
  }
  const tokenUrl =
    grant === 'implicit'
      ? null
      : endpointOf(config.tokenUrl, metadata?.tokenEndpoint, 'token', 'config.tokenUrl', 'token URL')
  secret.tokenUrl = tokenUrl?.href ?? null

  if (isBrowserGrant(grant)) return startBrowserFlow(context, view, secret, grant, metadata)
  if (grant === 'device_code') {
    const deviceUrl = endpointOf(
      config.deviceAuthUrl,
      metadata?.deviceAuthorizationEndpoint,
      'device-authorization',
      'config.deviceAuthUrl',
      'device authorization URL',
    )
    requireClientId(config, 'device-authorization')
    return { view: await startDeviceFlow(context, view, secret, deviceUrl, tokenUrl!), binding: null }
  }
  if (grant === 'password' && config.username === '') {
    throw oauthError(
      'OAUTH_CONFIG_INVALID',
      'token',
      `${STEP_IN_MESSAGES.token}: the password grant needs a username.`,
      { field: 'config.username' },
    )
  }
  const flow = await context.flows.create(rowFor(view, null, null), secret, view)
  await runDirectGrant(context, flow, grant, tokenUrl!, stored)
  return { view: flow.view, binding: null }
}

/**
 * client_credentials, password and refresh_token: one token request, answered at once.
 * `previous` is the stored token a refresh spends (read once, when the flow started).
 */
async function runDirectGrant(
  context: OAuthContext,
  flow: Flow,
  grant: OAuth2Config['grant'],
  tokenUrl: URL,
  previous: StoredToken | null,
): Promise<void> {
  const { config } = flow.secret
  const form = new URLSearchParams()
  const step = grant === 'refresh_token' ? 'refresh' : 'token'
  const checks: OAuthCheck[] = []
  if (grant === 'refresh_token') {
    form.set('grant_type', 'refresh_token')
    form.set('refresh_token', previous?.refreshToken ?? '')
  } else {
    form.set('grant_type', grant)
    if (grant === 'password') {
      form.set('username', config.username)
      form.set('password', config.password)
      checks.push({
        label: 'Password grant',
        ok: false,
        detail: 'RFC 9700 §2.4: it must not be used; Courier offers it to test legacy servers.',
      })
    }
  }
  withScopeParams(form, config)
  const result = await requestToken(
    tokenUrl,
    form,
    config,
    config.tokenParams,
    step,
    STEP_IN_MESSAGES[step],
    await context.options.http(),
  )
  await recordTokenResult(context, flow, result, step, checks, previous)
}
