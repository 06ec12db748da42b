import {
  OAUTH_CALLBACK_PATH,
  OAUTH_STATE_TTL_MS,
  isBrowserGrant,
  oauthEnvironmentKey,
  type OAuth2Config,
  type OAuthCheck,
  type OAuthFlowView,
  type OAuthMetadata,
} from '@courier/shared'
import { newId } from '../ids.js'
import { authorizationRequest } from './browser-flow.js'
import { pollDevice, startDeviceAuthorization } from './device-flow.js'
import { discover, httpUrl, sameIssuer } from './discovery.js'
import { failFlow, newStep, type Flow, type FlowSecret } from './flow-record.js'
import { completeWithTokens, recordTokenResult } from './flow-finish.js'
import { maskParams } from './inspector-mask.js'
import type { OAuthContext } from './oauth-context.js'
import { oauthError } from './oauth-error.js'
import { sha256Hex } from './pkce.js'
import { STEP_IN_MESSAGES, STEP_TITLES } from './step-titles.js'
import { requestToken, withScopeParams } from './token-request.js'
import type { StoredToken } from './token-vault.js'

export type Started = { view: OAuthFlowView; binding: string | null }

const DISCOVERY_TTL_MS = 5 * 60_000
const FLOW_KEEP_MS = 24 * 60 * 60_000
const DEVICE_MAX_MS = 30 * 60_000

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
): Promise<Started> {
  const { iso } = context
  const environmentKey = oauthEnvironmentKey(environmentId)
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

async function saveNew(
  context: OAuthContext,
  view: OAuthFlowView,
  secret: FlowSecret,
  stateHash: string | null,
  bindingHash: string | null,
): Promise<OAuthFlowView> {
  await context.flows.create(rowFor(view, stateHash, bindingHash), secret, view)
  return view
}

function rowFor(view: OAuthFlowView, stateHash: string | null, bindingHash: string | null) {
  return {
    id: view.id,
    state_hash: stateHash,
    binding_hash: bindingHash,
    environment_key: view.environmentKey,
    token_key: view.tokenKey,
    created_at: view.createdAt,
    expires_at: view.expiresAt,
    consumed_at: null,
    updated_at: view.createdAt,
  }
}

/** Discovery as a recorded step; null (and a failed view) when it failed. */
async function metadataFor(context: OAuthContext, issuer: string, view: OAuthFlowView): Promise<OAuthMetadata | null> {
  const { now, iso } = context
  const cached = context.discoveries.get(issuer)
  if (cached && now() - cached.at < DISCOVERY_TTL_MS && sameIssuer(cached.metadata.issuer, issuer)) {
    view.steps.push(
      newStep('discovery', STEP_TITLES.discovery, 'done', iso(), {
        summary: `Metadata for ${issuer} (fetched ${Math.round((now() - cached.at) / 1000)} s ago).`,
        url: cached.metadata.source,
        checks: metadataChecks(cached.metadata),
      }),
    )
    return cached.metadata
  }
  const result = await discover(issuer, await context.options.http())
  const exchange = result.exchanges.at(-1)
  if (!result.ok) {
    view.steps.push(
      newStep('discovery', STEP_TITLES.discovery, 'failed', iso(), {
        ...(exchange ? { exchange } : {}),
        error: { code: result.error.code, message: result.error.message },
      }),
    )
    failFlow(view, result.error, 'discovery')
    return null
  }
  context.discoveries.set(issuer, { metadata: result.metadata, at: now() })
  view.steps.push(
    newStep('discovery', STEP_TITLES.discovery, 'done', iso(), {
      summary: `Metadata for ${result.metadata.issuer}.`,
      url: result.metadata.source,
      ...(exchange ? { exchange } : {}),
      checks: metadataChecks(result.metadata),
    }),
  )
  return result.metadata
}

function endpointOf(
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

function requireClientId(config: OAuth2Config, step: 'authorize' | 'device-authorization'): void {
  if (config.clientId.trim() === '')
    throw oauthError(
      'OAUTH_CONFIG_INVALID',
      step,
      `${STEP_IN_MESSAGES[step]}: enter the client ID the provider gave this app.`,
      { field: 'config.clientId' },
    )
}

async function startBrowserFlow(
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

async function startDeviceFlow(
  context: OAuthContext,
  view: OAuthFlowView,
  secret: FlowSecret,
  deviceUrl: URL,
  tokenUrl: URL,
): Promise<OAuthFlowView> {
  const { now, iso } = context
  const started = await startDeviceAuthorization(deviceUrl, secret.config, await context.options.http(), now())
  if (!started.ok) {
    view.steps.push(
      newStep('device-authorization', STEP_TITLES['device-authorization'], 'failed', iso(), {
        exchange: started.exchange,
        error: { code: started.error.code, message: started.error.message },
      }),
    )
    failFlow(view, started.error, 'device-authorization')
    return saveNew(context, view, secret, null, null)
  }
  const expiresAt = new Date(Math.min(Date.parse(started.device.expiresAt), now() + DEVICE_MAX_MS)).toISOString()
  secret.deviceCode = started.deviceCode
  view.device = { ...started.device, expiresAt }
  view.expiresAt = expiresAt
  view.status = 'polling'
  view.steps.push(
    newStep('device-authorization', STEP_TITLES['device-authorization'], 'done', iso(), {
      summary: `Code ${started.device.userCode}: the person signs in at ${started.device.verificationUri}.`,
      exchange: started.exchange,
      checks: started.checks,
    }),
    newStep('device-poll', STEP_TITLES['device-poll'], 'waiting', iso(), {
      summary: `Every ${started.device.intervalSeconds} s until the person finishes.`,
    }),
  )
  const flow = await context.flows.create(rowFor(view, null, null), secret, view)
  startPolling(context, flow, tokenUrl)
  return view
}

function startPolling(context: OAuthContext, flow: Flow, tokenUrl: URL): void {
  const controller = new AbortController()
  context.pollers.set(flow.view.id, controller)
  void pollDevice({
    flow,
    tokenUrl,
    http: context.options.http,
    wait: context.wait,
    now: context.now,
    signal: controller.signal,
    save: (changed) => context.flows.save(flow, changed),
    complete: (tokens, exchange, checks) =>
      completeWithTokens(context, flow, tokens, 'device-poll', STEP_TITLES['device-poll'], exchange, checks),
  })
    .catch(() => {})
    .finally(() => context.pollers.delete(flow.view.id))
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

function metadataChecks(metadata: OAuthMetadata): OAuthCheck[] {
  return [
    {
      label: metadata.issParameterSupported
        ? 'Sends iss in authorization responses (RFC 9207)'
        : 'Does not promise iss in authorization responses',
      ok: true,
    },
    {
      label: metadata.codeChallengeMethodsSupported.includes('S256') ? 'Supports PKCE S256' : 'Does not list PKCE S256',
      ok: metadata.codeChallengeMethodsSupported.includes('S256'),
    },
    {
      label: metadata.jwksUri
        ? 'Publishes signing keys (JWKS)'
        : 'Publishes no JWKS: token signatures cannot be checked',
      ok: metadata.jwksUri !== null,
    },
  ]
}
