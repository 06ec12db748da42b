import { setTimeout as sleep } from 'node:timers/promises'
import {
  OAUTH_CALLBACK_PATH,
  OAuth2ConfigSchema,
  OAUTH_STATE_TTL_MS,
  isBrowserGrant,
  oauthEnvironmentKey,
  type OAuth2Config,
  type OAuthCheck,
  type OAuthFlowStart,
  type OAuthFlowView,
  type OAuthMetadata,
  type OAuthTokenView,
  type Pair,
  type RequestSpec,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { newId } from '../ids.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { authorizationRequest, checkState } from './browser-flow.js'
import { pairsOfRedirect, readCallbackParams, type CallbackParams } from './callback-params.js'
import { pollDevice, startDeviceAuthorization } from './device-flow.js'
import { discover, httpUrl, sameIssuer } from './discovery.js'
import { FlowRecords, failFlow, failStep, newStep, putStep, type Flow, type FlowSecret } from './flow-record.js'
import { maskParams, maskToken } from './inspector-mask.js'
import { oauthError, stepOf } from './oauth-error.js'
import type { OAuthHttpContext } from './oauth-http.js'
import type { OAuthStore } from '../storage/oauth-store.js'
import { sha256Hex } from './pkce.js'
import { expiresAtFrom, type TokenSet } from './token-response.js'
import { JwksCache, inspectTokens } from './token-inspection.js'
import { requestToken, withScopeParams, type TokenResult } from './token-request.js'
import { TokenVault, tokenView, type StoredToken } from './token-vault.js'

export type OAuthServiceOptions = {
  store: OAuthStore
  secrets: SecretBox
  /** The engine's policy, limits and TLS rules as they are now (Settings may change them). */
  http: () => Promise<OAuthHttpContext>
  /** Courier's own callback URL: `http://127.0.0.1:<port>/oauth/callback`. */
  defaultRedirectUri: () => string
  /** Origins Courier answers on, to tell whether a redirect URI is one it captures itself. */
  ownOrigins: () => ReadonlySet<string>
  /** Resolves `{{variables}}` in a config the way a send does. */
  resolveConfig: (config: OAuth2Config, environmentId: string | null | undefined) => Promise<OAuth2Config>
  now?: () => number
  /** Waits between device polls; tests make it instant. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>
}

/** How the callback proved it belongs to the flow its state names. */
export type CallbackBinding = { kind: 'cookie'; valueFor: (flowId: string) => string | undefined } | { kind: 'flow'; flowId: string; source: 'pasted' }

/** A token counts as expired this long before it does, so it never dies in flight. */
const EXPIRY_SKEW_MS = 5_000
const DISCOVERY_TTL_MS = 5 * 60_000
const FLOW_KEEP_MS = 24 * 60 * 60_000
const DEVICE_MAX_MS = 30 * 60_000

/**
 * Runs OAuth 2 flows for the person and keeps their tokens: every grant, discovery, the callback
 * Courier captures itself, the device-code poll, and the refresh before a send. Each step is
 * recorded for the flow inspector with its HTTP exchange, secrets masked.
 */
export class OAuthService {
  private readonly flows: FlowRecords
  private readonly vault: TokenVault
  private readonly pollers = new Map<string, AbortController>()
  private readonly discoveries = new Map<string, { metadata: OAuthMetadata; at: number }>()
  private readonly jwks: JwksCache
  private readonly locks = new Map<string, Promise<unknown>>()
  private readonly now: () => number
  private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>

  constructor(private readonly options: OAuthServiceOptions) {
    this.flows = new FlowRecords(options.store, options.secrets)
    this.vault = new TokenVault(options.store, options.secrets)
    this.now = options.now ?? (() => Date.now())
    this.wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal }))
    this.jwks = new JwksCache(options.http, this.now)
  }

  private iso(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString()
  }

  /** Stops device polls (the server is closing). */
  close(): void {
    for (const controller of this.pollers.values()) controller.abort()
    this.pollers.clear()
  }

  async discover(issuer: string, environmentId: string | null | undefined): Promise<OAuthMetadata> {
    const config = await this.options.resolveConfig(OAuth2ConfigSchema.parse({ issuer }), environmentId)
    const result = await discover(config.issuer, await this.options.http())
    if (!result.ok) throw result.error
    this.discoveries.set(result.metadata.issuer, { metadata: result.metadata, at: this.now() })
    return result.metadata
  }

  /** Starts a flow. Browser grants answer a binding value for the callback cookie. */
  async start(input: OAuthFlowStart): Promise<{ view: OAuthFlowView; binding: string | null }> {
    const config = await this.options.resolveConfig(OAuth2ConfigSchema.parse(input.config), input.environmentId)
    return this.startResolved(config, input.environmentId, input.grant ?? config.grant)
  }

  private async startResolved(config: OAuth2Config, environmentId: string | null | undefined, grant: OAuth2Config['grant']): Promise<{ view: OAuthFlowView; binding: string | null }> {
    const environmentKey = oauthEnvironmentKey(environmentId)
    const tokenKey = config.tokenKey.trim() || 'default'
    const view: OAuthFlowView = {
      id: newId(),
      grant,
      status: 'waiting',
      createdAt: this.iso(),
      expiresAt: this.iso(OAUTH_STATE_TTL_MS),
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
    const secret: FlowSecret = { config, verifier: null, nonce: null, deviceCode: null, redirectUri: null, tokenUrl: null, issuer: null, issParameterSupported: false, jwksUri: null }
    await this.options.store.pruneFlows(this.iso(-FLOW_KEEP_MS))

    let metadata: OAuthMetadata | null = null
    if (config.issuer.trim() !== '') {
      metadata = await this.metadataFor(config.issuer.trim(), view)
      if (!metadata) return { view: await this.saveNew(view, secret, null, null), binding: null }
      secret.issuer = metadata.issuer
      secret.issParameterSupported = metadata.issParameterSupported
      secret.jwksUri = metadata.jwksUri
    }

    const stored = grant === 'refresh_token' ? await this.vault.get(environmentKey, tokenKey) : null
    if (grant === 'refresh_token' && !stored?.refreshToken) {
      throw oauthError('OAUTH_TOKEN_MISSING', 'refresh', `Refresh: there is no refresh token stored under "${tokenKey}"${environmentKey === 'default' ? '' : ' for this environment'}; get a token with another grant first.`, { field: 'config.grant' })
    }
    const tokenUrl = this.endpointOf(config.tokenUrl, metadata?.tokenEndpoint, grant === 'implicit' ? null : 'token', 'config.tokenUrl', 'Token request', 'token URL')
    secret.tokenUrl = tokenUrl?.href ?? null

    if (isBrowserGrant(grant)) return this.startBrowserFlow(view, secret, grant, metadata)
    if (grant === 'device_code') {
      const deviceUrl = this.endpointOf(config.deviceAuthUrl, metadata?.deviceAuthorizationEndpoint, 'device-authorization', 'config.deviceAuthUrl', 'Device authorization', 'device authorization URL')!
      this.requireClientId(config, 'device-authorization', 'Device authorization')
      return { view: await this.startDeviceFlow(view, secret, deviceUrl, tokenUrl!), binding: null }
    }
    if (grant === 'password' && config.username === '') {
      throw oauthError('OAUTH_CONFIG_INVALID', 'token', 'Token request: the password grant needs a username.', { field: 'config.username' })
    }
    const flow = await this.flows.create(this.rowFor(view, null, null), secret, view)
    await this.runDirectGrant(flow, grant, tokenUrl!, stored)
    return { view: flow.view, binding: null }
  }

  private async saveNew(view: OAuthFlowView, secret: FlowSecret, stateHash: string | null, bindingHash: string | null): Promise<OAuthFlowView> {
    await this.flows.create(this.rowFor(view, stateHash, bindingHash), secret, view)
    return view
  }

  private rowFor(view: OAuthFlowView, stateHash: string | null, bindingHash: string | null) {
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
  private async metadataFor(issuer: string, view: OAuthFlowView): Promise<OAuthMetadata | null> {
    const cached = this.discoveries.get(issuer)
    if (cached && this.now() - cached.at < DISCOVERY_TTL_MS && sameIssuer(cached.metadata.issuer, issuer)) {
      view.steps.push(newStep('discovery', 'Discovery', 'done', this.iso(), { summary: `Metadata for ${issuer} (fetched ${Math.round((this.now() - cached.at) / 1000)} s ago).`, url: cached.metadata.source, checks: metadataChecks(cached.metadata) }))
      return cached.metadata
    }
    const result = await discover(issuer, await this.options.http())
    const exchange = result.exchanges.at(-1)
    if (!result.ok) {
      view.steps.push(newStep('discovery', 'Discovery', 'failed', this.iso(), { ...(exchange ? { exchange } : {}), error: { code: result.error.code, message: result.error.message } }))
      failFlow(view, result.error, 'discovery')
      return null
    }
    this.discoveries.set(issuer, { metadata: result.metadata, at: this.now() })
    view.steps.push(newStep('discovery', 'Discovery', 'done', this.iso(), { summary: `Metadata for ${result.metadata.issuer}.`, url: result.metadata.source, ...(exchange ? { exchange } : {}), checks: metadataChecks(result.metadata) }))
    return result.metadata
  }

  private endpointOf(configured: string, discovered: string | null | undefined, step: 'token' | 'authorize' | 'device-authorization' | null, field: string, what: string, label: string): URL | null {
    if (step === null) return null
    const text = configured.trim() || discovered || ''
    if (text === '') throw oauthError('OAUTH_CONFIG_INVALID', step, `${what}: enter the ${label}, or an issuer to discover it from.`, { field })
    const url = httpUrl(text)
    if (!url) throw oauthError('OAUTH_CONFIG_INVALID', step, `${what}: "${text.slice(0, 200)}" is not an http(s) URL.`, { field })
    return url
  }

  private requireClientId(config: OAuth2Config, step: 'authorize' | 'device-authorization', what: string): void {
    if (config.clientId.trim() === '') throw oauthError('OAUTH_CONFIG_INVALID', step, `${what}: enter the client ID the provider gave this app.`, { field: 'config.clientId' })
  }

  private async startBrowserFlow(view: OAuthFlowView, secret: FlowSecret, grant: OAuth2Config['grant'], metadata: OAuthMetadata | null): Promise<{ view: OAuthFlowView; binding: string }> {
    const { config } = secret
    const endpoint = this.endpointOf(config.authUrl, metadata?.authorizationEndpoint, 'authorize', 'config.authUrl', 'Authorization request', 'authorization URL')!
    this.requireClientId(config, 'authorize', 'Authorization request')
    const redirectText = config.redirectUri.trim() || this.options.defaultRedirectUri()
    const redirect = httpUrl(redirectText) ?? (() => {
      try {
        return new URL(redirectText) // custom schemes (com.example.app:/cb) are registered URIs too
      } catch {
        throw oauthError('OAUTH_CONFIG_INVALID', 'authorize', `Authorization request: the redirect URI "${redirectText.slice(0, 200)}" is not an absolute URI.`, { field: 'config.redirectUri' })
      }
    })()

    const request = authorizationRequest(endpoint, config, grant, redirectText, redirect, metadata)
    secret.verifier = request.verifier
    secret.redirectUri = redirectText // sent and compared as the exact string typed (RFC 9700 §4.1.3)
    secret.nonce = request.nonce

    view.redirectUri = secret.redirectUri
    view.capturesCallback = this.options.ownOrigins().has(redirect.origin) && redirect.pathname === OAUTH_CALLBACK_PATH
    view.authorizeUrl = request.url.href
    view.status = 'waiting'
    view.steps.push(
      newStep('authorize', 'Authorization request', 'waiting', this.iso(), {
        summary: view.capturesCallback ? 'Opened in a popup; Courier captures the redirect at /oauth/callback.' : `The provider redirects to ${secret.redirectUri}; paste that address into Courier to finish.`,
        url: `${endpoint.origin}${endpoint.pathname}`,
        params: maskParams(request.params),
        checks: request.checks,
      }),
    )
    await this.saveNew(view, secret, sha256Hex(request.state), sha256Hex(request.binding))
    return { view, binding: request.binding }
  }

  private async startDeviceFlow(view: OAuthFlowView, secret: FlowSecret, deviceUrl: URL, tokenUrl: URL): Promise<OAuthFlowView> {
    const started = await startDeviceAuthorization(deviceUrl, secret.config, await this.options.http(), this.now())
    if (!started.ok) {
      view.steps.push(newStep('device-authorization', 'Device authorization', 'failed', this.iso(), { exchange: started.exchange, error: { code: started.error.code, message: started.error.message } }))
      failFlow(view, started.error, 'device-authorization')
      return this.saveNew(view, secret, null, null)
    }
    const expiresAt = new Date(Math.min(Date.parse(started.device.expiresAt), this.now() + DEVICE_MAX_MS)).toISOString()
    secret.deviceCode = started.deviceCode
    view.device = { ...started.device, expiresAt }
    view.expiresAt = expiresAt
    view.status = 'polling'
    view.steps.push(
      newStep('device-authorization', 'Device authorization', 'done', this.iso(), {
        summary: `Code ${started.device.userCode}: the person signs in at ${started.device.verificationUri}.`,
        exchange: started.exchange,
        checks: started.checks,
      }),
      newStep('device-poll', 'Polling the token endpoint', 'waiting', this.iso(), { summary: `Every ${started.device.intervalSeconds} s until the person finishes.` }),
    )
    const flow = await this.flows.create(this.rowFor(view, null, null), secret, view)
    this.startPolling(flow, tokenUrl)
    return view
  }

  private startPolling(flow: Flow, tokenUrl: URL): void {
    const controller = new AbortController()
    this.pollers.set(flow.view.id, controller)
    void pollDevice({
      flow,
      tokenUrl,
      http: this.options.http,
      wait: this.wait,
      now: this.now,
      signal: controller.signal,
      save: (changed) => this.flows.save(flow, changed),
      complete: (tokens, exchange, checks) => this.completeWithTokens(flow, tokens, 'device-poll', 'Polling the token endpoint', exchange, checks),
    })
      .catch(() => {})
      .finally(() => this.pollers.delete(flow.view.id))
  }

  /**
   * client_credentials, password and refresh_token: one token request, answered at once.
   * `previous` is the stored token a refresh spends (read once, when the flow started).
   */
  private async runDirectGrant(flow: Flow, grant: OAuth2Config['grant'], tokenUrl: URL, previous: StoredToken | null): Promise<void> {
    const { config } = flow.secret
    const form = new URLSearchParams()
    const step = grant === 'refresh_token' ? 'refresh' : 'token'
    const what = grant === 'refresh_token' ? 'Refresh' : 'Token request'
    const checks: OAuthCheck[] = []
    if (grant === 'refresh_token') {
      form.set('grant_type', 'refresh_token')
      form.set('refresh_token', previous?.refreshToken ?? '')
    } else {
      form.set('grant_type', grant)
      if (grant === 'password') {
        form.set('username', config.username)
        form.set('password', config.password)
        checks.push({ label: 'Password grant', ok: false, detail: 'RFC 9700 §2.4: it must not be used; Courier offers it to test legacy servers.' })
      }
    }
    withScopeParams(form, config)
    const result = await requestToken(tokenUrl, form, config, config.tokenParams, step, what, await this.options.http())
    await this.recordTokenResult(flow, result, step, grant === 'refresh_token' ? 'Refresh token request' : 'Token request', checks, previous)
  }

  private async recordTokenResult(flow: Flow, result: TokenResult, step: 'token' | 'refresh', title: string, checks: OAuthCheck[], previous: StoredToken | null = null): Promise<void> {
    if (!result.ok) {
      putStep(flow.view, newStep(step, title, 'failed', this.iso(), { exchange: result.exchange, checks, error: { code: result.error.code, message: result.error.message } }))
      failFlow(flow.view, result.error, step)
      await this.flows.save(flow)
      return
    }
    // A refresh answer without a new refresh token leaves the old one valid (RFC 6749 §6).
    const tokens = previous && !result.tokens.refreshToken ? { ...result.tokens, refreshToken: previous.refreshToken } : result.tokens
    if (previous && result.tokens.refreshToken) checks.push({ label: 'The refresh token was rotated', ok: true, detail: 'RFC 9700 §2.2.2: the old one should no longer work.' })
    await this.completeWithTokens(flow, tokens, step, title, result.exchange, [...checks, ...result.checks], previous)
  }

  /** Stores the tokens a flow obtained, after inspecting them; `previous` is the token a refresh replaced. */
  private async completeWithTokens(flow: Flow, tokens: TokenSet, step: 'token' | 'refresh' | 'device-poll', title: string, exchange: TokenResult['exchange'] | undefined, checks: OAuthCheck[], previous: StoredToken | null = null): Promise<void> {
    putStep(flow.view, newStep(step, title, 'done', this.iso(), { ...(exchange ? { exchange } : {}), checks }))
    const { issuer } = flow.secret
    const inspection = await inspectTokens(tokens, await this.jwks.keysFor(flow.secret.jwksUri), { nonce: flow.secret.nonce, issuer })
    flow.view.steps.push(newStep('verify', 'Token inspection', 'done', this.iso(), { checks: inspection.checks }))

    const refreshed = flow.view.grant === 'refresh_token'
    const stored: StoredToken = {
      ...tokens,
      // A refreshed token keeps the grant that first obtained it.
      grant: refreshed ? (previous?.grant ?? 'refresh_token') : flow.view.grant,
      issuer: issuer ?? inspection.claimedIssuer,
      refreshedAt: refreshed ? tokens.obtainedAt : null,
      accessJwt: inspection.accessJwt,
      idJwt: inspection.idJwt,
    }
    await this.vault.put(flow.view.environmentKey, flow.view.tokenKey, stored)
    flow.view.status = 'completed'
    flow.view.error = null
    flow.view.token = tokenView(flow.view.environmentKey, flow.view.tokenKey, stored)
    await this.flows.save(flow)
  }

  async get(id: string): Promise<OAuthFlowView> {
    const flow = await this.flows.get(id)
    if (!flow) throw new CourierError('NOT_FOUND', 'No OAuth flow has that id; start a new one.')
    const live = flow.view.status === 'waiting' || flow.view.status === 'polling'
    if (live && Date.parse(flow.view.expiresAt) < this.now()) {
      // A device poll also ends here when the Courier that ran it restarted before the code expired.
      const device = flow.view.status === 'polling'
      const error = device
        ? oauthError('OAUTH_STATE_EXPIRED', 'device-poll', 'Device poll: the device code expired before the sign-in finished; start again.')
        : oauthError('OAUTH_STATE_EXPIRED', 'callback', 'Callback: no answer came within 10 minutes, so the state expired; start the flow again.')
      failStep(flow.view, device ? 'device-poll' : 'authorize', device ? 'Polling the token endpoint' : 'Authorization request', this.iso(), error)
      failFlow(flow.view, error, device ? 'device-poll' : 'callback')
      this.pollers.get(id)?.abort()
      await this.flows.save(flow)
    }
    return flow.view
  }

  async cancel(id: string): Promise<OAuthFlowView> {
    const flow = await this.flows.get(id)
    if (!flow) throw new CourierError('NOT_FOUND', 'No OAuth flow has that id.')
    if (flow.view.status !== 'waiting' && flow.view.status !== 'polling') return flow.view
    this.pollers.get(id)?.abort()
    await this.options.store.consumeFlow(id, this.iso())
    flow.view.status = 'cancelled'
    for (const step of flow.view.steps) if (step.status === 'waiting') step.status = 'skipped'
    await this.flows.save(flow)
    return flow.view
  }

  /** The callback from a pasted redirect URL: query for code flows, fragment for implicit. */
  async finishPasted(flowId: string, text: string): Promise<OAuthFlowView> {
    let url: URL
    try {
      url = new URL(text.trim())
    } catch {
      throw oauthError('OAUTH_CALLBACK_INVALID', 'callback', 'Callback: paste the whole address the provider sent the browser to, starting with its scheme.', { field: 'url' })
    }
    const { query, fragment } = pairsOfRedirect(url)
    const pairs = fragment.some(([name]) => name === 'state' || name === 'access_token' || name === 'error') ? fragment : query
    const result = await this.finish(pairs, { kind: 'flow', flowId, source: 'pasted' }, fragment === pairs ? 'fragment' : 'query')
    if (result.error && !result.view) throw result.error
    return result.view!
  }

  /**
   * Finishes a browser flow from its authorization response. The state must name a flow that
   * this same browser started (the binding cookie) or that the person pasted into (the flow id),
   * must not have been used before and must be younger than 10 minutes; `iss` must match the
   * issuer where the provider sends one (RFC 9207). Only then is the code exchanged.
   */
  async finish(pairs: readonly Pair[], binding: CallbackBinding, carrier: 'query' | 'fragment'): Promise<{ view: OAuthFlowView | null; error: CourierError | null }> {
    let params: CallbackParams
    try {
      params = readCallbackParams(pairs)
    } catch (error) {
      return { view: null, error: error as CourierError }
    }
    if (params.state === null) {
      return { view: null, error: oauthError('OAUTH_STATE_MISSING', 'callback', 'Callback: the answer carries no state, so it cannot be matched to a flow Courier started; nothing was exchanged.') }
    }
    const invalid = () => oauthError('OAUTH_STATE_INVALID', 'state', 'State check: the state is unknown or was already used; nothing was exchanged. Start the flow again from the Auth tab.')
    const row = await this.options.store.findFlowByState(sha256Hex(params.state))
    if (!row) return { view: null, error: invalid() }
    const bound = binding.kind === 'flow' ? binding.flowId === row.id : row.binding_hash !== null && sha256Hex(binding.valueFor(row.id) ?? '') === row.binding_hash
    if (!bound) return { view: null, error: invalid() }
    if (!(await this.options.store.consumeFlow(row.id, this.iso()))) return { view: null, error: invalid() }

    const flow = await this.flows.load(row)
    const { view, secret } = flow
    const callbackStep = newStep('callback', 'Callback', 'done', this.iso())
    const fail = async (error: CourierError, checks: OAuthCheck[] = []) => {
      const step = stepOf(error) ?? 'callback'
      const failed = { code: error.code, message: error.message }
      // The callback step already lists the parameters: it turns failed rather than appearing twice.
      if (step === 'callback') Object.assign(callbackStep, { status: 'failed', error: failed })
      else view.steps.push(newStep('state', 'State check', 'failed', this.iso(), { checks, error: failed }))
      failFlow(view, error, step)
      await this.flows.save(flow)
      return { view, error }
    }

    const source = binding.kind === 'flow' ? 'Pasted redirect URL' : carrier === 'fragment' ? 'Captured by Courier (fragment, handed over by the callback page)' : 'Captured by Courier at /oauth/callback'
    const authorize = view.steps.find((step) => step.id === 'authorize')
    if (authorize) authorize.status = 'done'
    Object.assign(callbackStep, { summary: source, params: maskParams(pairs.filter(([name]) => name !== 'redirect_uri')) })
    view.steps.push(callbackStep)

    const now = this.now()
    const state = checkState({
      ageMs: now - Date.parse(view.createdAt),
      expired: now > Date.parse(row.expires_at),
      pasted: binding.kind === 'flow',
      iss: params.iss,
      issuer: secret.issuer,
      issParameterSupported: secret.issParameterSupported,
    })
    if (state.error) return fail(state.error, state.checks)
    view.steps.push(newStep('state', 'State check', 'done', this.iso(), { checks: state.checks }))

    if (params.error !== null) {
      const description = params.errorDescription ? `: ${params.errorDescription}` : ''
      const uri = params.errorUri ? ` (see ${params.errorUri})` : ''
      return fail(oauthError('OAUTH_PROVIDER_ERROR', 'callback', `Callback: the provider answered ${params.error}${description}${uri}.`))
    }

    if (view.grant === 'implicit') {
      if (params.accessToken === null) return fail(oauthError('OAUTH_CALLBACK_INVALID', 'callback', 'Callback: an implicit grant answer must carry access_token in the fragment, and this one does not.'))
      const tokens: TokenSet = {
        accessToken: params.accessToken,
        tokenType: params.tokenType ?? 'Bearer',
        refreshToken: null,
        idToken: params.idToken,
        scope: params.scope,
        expiresAt: expiresAtFrom(params.expiresIn, this.now()),
        obtainedAt: this.iso(),
      }
      await this.completeWithTokens(flow, tokens, 'token', 'Token from the fragment', undefined, [{ label: 'Token received in the fragment, not from a token endpoint', ok: true, detail: maskToken(params.accessToken) }])
      return { view, error: null }
    }
    if (carrier === 'fragment') return fail(oauthError('OAUTH_CALLBACK_INVALID', 'callback', 'Callback: a code flow answer arrived in the fragment; the provider must send it in the query.'))
    if (params.code === null) return fail(oauthError('OAUTH_CALLBACK_INVALID', 'callback', 'Callback: the answer carries neither a code nor an error.'))

    const form = new URLSearchParams({ grant_type: 'authorization_code', code: params.code, redirect_uri: secret.redirectUri ?? '' })
    if (secret.verifier) form.set('code_verifier', secret.verifier)
    if (secret.config.resource.trim()) form.set('resource', secret.config.resource.trim())
    const tokenUrl = httpUrl(secret.tokenUrl)!
    view.steps.push(newStep('token', 'Token request', 'waiting', this.iso(), { summary: `Exchanging the code at ${tokenUrl.origin}${tokenUrl.pathname}.` }))
    const result = await requestToken(tokenUrl, form, secret.config, secret.config.tokenParams, 'token', 'Token request', await this.options.http())
    const tokenChecks: OAuthCheck[] = secret.verifier ? [{ label: 'code_verifier sent from the server (never seen by the browser)', ok: true }] : []
    await this.recordTokenResult(flow, result, 'token', 'Token request', tokenChecks)
    return { view, error: result.ok ? null : result.error }
  }

  async token(environmentId: string | null | undefined, tokenKey: string): Promise<OAuthTokenView | null> {
    const environmentKey = oauthEnvironmentKey(environmentId)
    const key = tokenKey.trim() || 'default'
    const stored = await this.vault.get(environmentKey, key)
    return stored ? tokenView(environmentKey, key, stored) : null
  }

  async forget(environmentId: string | null | undefined, tokenKey: string): Promise<void> {
    await this.vault.remove(oauthEnvironmentKey(environmentId), tokenKey.trim() || 'default')
  }

  /**
   * The OAuth step of a send: the stored token as a Bearer (or custom prefix) header. An expired
   * token is refreshed first when a refresh token exists; client credentials and password grants
   * fetch a new one on their own. An expired token with no way to renew it is sent as it is —
   * testing how an API answers an expired token is a real need — and the Auth tab shows it expired.
   */
  async authorize(spec: RequestSpec, environmentId: string | null | undefined): Promise<RequestSpec> {
    if (spec.auth.type !== 'oauth2') return spec
    const config = spec.auth.config
    const environmentKey = oauthEnvironmentKey(environmentId)
    const tokenKey = config.tokenKey.trim() || 'default'
    const token = await this.withLock(`${environmentKey}\u0000${tokenKey}`, async () => {
      const stored = await this.vault.get(environmentKey, tokenKey)
      const expired = stored?.expiresAt ? Date.parse(stored.expiresAt) - EXPIRY_SKEW_MS <= this.now() : false
      if (stored && !(expired && config.autoRefresh)) return stored
      const renew = stored?.refreshToken ? 'refresh_token' : config.grant === 'client_credentials' || config.grant === 'password' ? config.grant : null
      if (!renew) {
        if (stored) return stored
        throw oauthError('OAUTH_TOKEN_MISSING', 'token', `There is no OAuth 2 token under "${tokenKey}"${environmentKey === 'default' ? '' : ' for this environment'} yet: choose Get new access token in the Auth tab.`)
      }
      const { view } = await this.startResolved(config, environmentId, renew)
      if (view.status !== 'completed') {
        const what = renew === 'refresh_token' ? 'Refreshing the expired OAuth 2 token failed' : 'Getting an OAuth 2 token failed'
        throw oauthError(view.error?.code ?? 'OAUTH_TOKEN_EXCHANGE_FAILED', view.error?.step ?? 'token', `${what}: ${view.error?.message ?? 'no token came back'}`)
      }
      return (await this.vault.get(environmentKey, tokenKey))!
    })
    return { ...spec, auth: { type: 'bearer', token: token.accessToken, prefix: config.headerPrefix } }
  }

  /** One renewal at a time per token: two sends must not both spend a rotating refresh token. */
  private async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(key) ?? Promise.resolve()
    const run = before.catch(() => {}).then(work)
    this.locks.set(key, run)
    try {
      return await run
    } finally {
      if (this.locks.get(key) === run) this.locks.delete(key)
    }
  }
}

function metadataChecks(metadata: OAuthMetadata): OAuthCheck[] {
  return [
    { label: metadata.issParameterSupported ? 'Sends iss in authorization responses (RFC 9207)' : 'Does not promise iss in authorization responses', ok: true },
    { label: metadata.codeChallengeMethodsSupported.includes('S256') ? 'Supports PKCE S256' : 'Does not list PKCE S256', ok: metadata.codeChallengeMethodsSupported.includes('S256') },
    { label: metadata.jwksUri ? 'Publishes signing keys (JWKS)' : 'Publishes no JWKS: token signatures cannot be checked', ok: metadata.jwksUri !== null },
  ]
}

