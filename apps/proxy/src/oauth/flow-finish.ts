import type { OAuthCheck, OAuthFlowView, Pair } from '@courier/shared'
import type { CourierError } from '../errors.js'
import { checkState } from './browser-flow.js'
import { pairsOfRedirect, readCallbackParams, type CallbackParams } from './callback-params.js'
import { httpUrl } from './discovery.js'
import { failFlow, newStep, putStep, type Flow } from './flow-record.js'
import { maskParams, maskToken } from './inspector-mask.js'
import type { OAuthContext } from './oauth-context.js'
import { oauthError, stepOf } from './oauth-error.js'
import { sha256Hex } from './pkce.js'
import { FRAGMENT_TOKEN_TITLE, STEP_IN_MESSAGES, STEP_TITLES } from './step-titles.js'
import { inspectTokens } from './token-inspection.js'
import { requestToken, type TokenResult } from './token-request.js'
import { expiresAtFrom, type TokenSet } from './token-response.js'
import { tokenView, type StoredToken } from './token-vault.js'

/** How the callback proved it belongs to the flow its state names. */
export type CallbackBinding =
  | { kind: 'cookie'; valueFor: (flowId: string) => string | undefined }
  | { kind: 'flow'; flowId: string; source: 'pasted' }

export type FinishResult = { view: OAuthFlowView | null; error: CourierError | null }

/** The callback from a pasted redirect URL: query for code flows, fragment for implicit. */
export async function finishPasted(context: OAuthContext, flowId: string, text: string): Promise<OAuthFlowView> {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw oauthError(
      'OAUTH_CALLBACK_INVALID',
      'callback',
      'Callback: paste the whole address the provider sent the browser to, starting with its scheme.',
      { field: 'url' },
    )
  }
  const { query, fragment } = pairsOfRedirect(url)
  const pairs = fragment.some(([name]) => name === 'state' || name === 'access_token' || name === 'error')
    ? fragment
    : query
  const result = await finishFlow(
    context,
    pairs,
    { kind: 'flow', flowId, source: 'pasted' },
    fragment === pairs ? 'fragment' : 'query',
  )
  if (result.error && !result.view) throw result.error
  return result.view!
}

/**
 * Finishes a browser flow from its authorization response. The state must name a flow that
 * this same browser started (the binding cookie) or that the person pasted into (the flow id),
 * must not have been used before and must be younger than 10 minutes; `iss` must match the
 * issuer where the provider sends one (RFC 9207). Only then is the code exchanged.
 */
export async function finishFlow(
  context: OAuthContext,
  pairs: readonly Pair[],
  binding: CallbackBinding,
  carrier: 'query' | 'fragment',
): Promise<FinishResult> {
  const { options, flows, iso } = context
  let params: CallbackParams
  try {
    params = readCallbackParams(pairs)
  } catch (error) {
    return { view: null, error: error as CourierError }
  }
  if (params.state === null) {
    return {
      view: null,
      error: oauthError(
        'OAUTH_STATE_MISSING',
        'callback',
        'Callback: the answer carries no state, so it cannot be matched to a flow Courier started; nothing was exchanged.',
      ),
    }
  }
  const invalid = () =>
    oauthError(
      'OAUTH_STATE_INVALID',
      'state',
      'State check: the state is unknown or was already used; nothing was exchanged. Start the flow again from the Auth tab.',
    )
  const row = await options.store.findFlowByState(sha256Hex(params.state))
  if (!row) return { view: null, error: invalid() }
  const bound =
    binding.kind === 'flow'
      ? binding.flowId === row.id
      : row.binding_hash !== null && sha256Hex(binding.valueFor(row.id) ?? '') === row.binding_hash
  if (!bound) return { view: null, error: invalid() }
  if (!(await options.store.consumeFlow(row.id, iso()))) return { view: null, error: invalid() }

  const flow = await flows.load(row)
  const { view, secret } = flow
  const callbackStep = newStep('callback', STEP_TITLES.callback, 'done', iso())
  const fail = async (error: CourierError, checks: OAuthCheck[] = []) => {
    const step = stepOf(error) ?? 'callback'
    const failed = { code: error.code, message: error.message }
    // The callback step already lists the parameters: it turns failed rather than appearing twice.
    if (step === 'callback') Object.assign(callbackStep, { status: 'failed', error: failed })
    else view.steps.push(newStep('state', STEP_TITLES.state, 'failed', iso(), { checks, error: failed }))
    failFlow(view, error, step)
    await flows.save(flow)
    return { view, error }
  }

  const source =
    binding.kind === 'flow'
      ? 'Pasted redirect URL'
      : carrier === 'fragment'
        ? 'Captured by Courier (fragment, handed over by the callback page)'
        : 'Captured by Courier at /oauth/callback'
  const authorize = view.steps.find((step) => step.id === 'authorize')
  if (authorize) authorize.status = 'done'
  Object.assign(callbackStep, {
    summary: source,
    params: maskParams(pairs.filter(([name]) => name !== 'redirect_uri')),
  })
  view.steps.push(callbackStep)

  const now = context.now()
  const state = checkState({
    ageMs: now - Date.parse(view.createdAt),
    expired: now > Date.parse(row.expires_at),
    pasted: binding.kind === 'flow',
    iss: params.iss,
    issuer: secret.issuer,
    issParameterSupported: secret.issParameterSupported,
  })
  if (state.error) return fail(state.error, state.checks)
  view.steps.push(newStep('state', STEP_TITLES.state, 'done', iso(), { checks: state.checks }))

  if (params.error !== null) {
    const description = params.errorDescription ? `: ${params.errorDescription}` : ''
    const uri = params.errorUri ? ` (see ${params.errorUri})` : ''
    return fail(
      oauthError(
        'OAUTH_PROVIDER_ERROR',
        'callback',
        `Callback: the provider answered ${params.error}${description}${uri}.`,
      ),
    )
  }

  if (view.grant === 'implicit') {
    if (params.accessToken === null)
      return fail(
        oauthError(
          'OAUTH_CALLBACK_INVALID',
          'callback',
          'Callback: an implicit grant answer must carry access_token in the fragment, and this one does not.',
        ),
      )
    const tokens: TokenSet = {
      accessToken: params.accessToken,
      tokenType: params.tokenType ?? 'Bearer',
      refreshToken: null,
      idToken: params.idToken,
      scope: params.scope,
      expiresAt: expiresAtFrom(params.expiresIn, context.now()),
      obtainedAt: iso(),
    }
    await completeWithTokens(context, flow, tokens, 'token', FRAGMENT_TOKEN_TITLE, undefined, [
      {
        label: 'Token received in the fragment, not from a token endpoint',
        ok: true,
        detail: maskToken(params.accessToken),
      },
    ])
    return { view, error: null }
  }
  if (carrier === 'fragment')
    return fail(
      oauthError(
        'OAUTH_CALLBACK_INVALID',
        'callback',
        'Callback: a code flow answer arrived in the fragment; the provider must send it in the query.',
      ),
    )
  if (params.code === null)
    return fail(
      oauthError('OAUTH_CALLBACK_INVALID', 'callback', 'Callback: the answer carries neither a code nor an error.'),
    )

  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: params.code,
    redirect_uri: secret.redirectUri ?? '',
  })
  if (secret.verifier) form.set('code_verifier', secret.verifier)
  if (secret.config.resource.trim()) form.set('resource', secret.config.resource.trim())
  const tokenUrl = httpUrl(secret.tokenUrl)!
  view.steps.push(
    newStep('token', STEP_TITLES.token, 'waiting', iso(), {
      summary: `Exchanging the code at ${tokenUrl.origin}${tokenUrl.pathname}.`,
    }),
  )
  const result = await requestToken(
    tokenUrl,
    form,
    secret.config,
    secret.config.tokenParams,
    'token',
    STEP_IN_MESSAGES.token,
    await options.http(),
  )
  const tokenChecks: OAuthCheck[] = secret.verifier
    ? [{ label: 'code_verifier sent from the server (never seen by the browser)', ok: true }]
    : []
  await recordTokenResult(context, flow, result, 'token', tokenChecks)
  return { view, error: result.ok ? null : result.error }
}

/** A token endpoint's answer, recorded: the tokens stored, or the step failed. `previous` is the token a refresh spent. */
export async function recordTokenResult(
  context: OAuthContext,
  flow: Flow,
  result: TokenResult,
  step: 'token' | 'refresh',
  checks: OAuthCheck[],
  previous: StoredToken | null = null,
): Promise<void> {
  const title = STEP_TITLES[step]
  if (!result.ok) {
    putStep(
      flow.view,
      newStep(step, title, 'failed', context.iso(), {
        exchange: result.exchange,
        checks,
        error: { code: result.error.code, message: result.error.message },
      }),
    )
    failFlow(flow.view, result.error, step)
    await context.flows.save(flow)
    return
  }
  // A refresh answer without a new refresh token leaves the old one valid (RFC 6749 §6).
  const tokens =
    previous && !result.tokens.refreshToken ? { ...result.tokens, refreshToken: previous.refreshToken } : result.tokens
  if (previous && result.tokens.refreshToken)
    checks.push({
      label: 'The refresh token was rotated',
      ok: true,
      detail: 'RFC 9700 §2.2.2: the old one should no longer work.',
    })
  await completeWithTokens(context, flow, tokens, step, title, result.exchange, [...checks, ...result.checks], previous)
}

/** Stores the tokens a flow obtained, after inspecting them; `previous` is the token a refresh replaced. */
export async function completeWithTokens(
  context: OAuthContext,
  flow: Flow,
  tokens: TokenSet,
  step: 'token' | 'refresh' | 'device-poll',
  title: string,
  exchange: TokenResult['exchange'] | undefined,
  checks: OAuthCheck[],
  previous: StoredToken | null = null,
): Promise<void> {
  const { iso } = context
  putStep(flow.view, newStep(step, title, 'done', iso(), { ...(exchange ? { exchange } : {}), checks }))
  const { issuer } = flow.secret
  const inspection = await inspectTokens(tokens, await context.jwks.keysFor(flow.secret.jwksUri), {
    nonce: flow.secret.nonce,
    issuer,
  })
  flow.view.steps.push(newStep('verify', STEP_TITLES.verify, 'done', iso(), { checks: inspection.checks }))

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
  await context.vault.put(flow.view.environmentKey, flow.view.tokenKey, stored)
  flow.view.status = 'completed'
  flow.view.error = null
  flow.view.token = tokenView(flow.view.environmentKey, flow.view.tokenKey, stored)
  await context.flows.save(flow)
}
