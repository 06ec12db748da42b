import {
  OAuth2ConfigSchema,
  type OAuthFlowStart,
  type OAuthFlowView,
  type OAuthMetadata,
  type OAuthTokenView,
  type Pair,
  type RequestSpec,
} from '@courier/shared'
import { CourierError } from '../errors.js'
import { discover } from './discovery.js'
import { failFlow, failStep } from './flow-record.js'
import { finishFlow, finishPasted, type CallbackBinding, type FinishResult } from './flow-finish.js'
import { startFlow, type Started } from './flow-start.js'
import { oauthContext, type OAuthContext, type OAuthServiceOptions } from './oauth-context.js'
import { oauthError } from './oauth-error.js'
import { STEP_TITLES } from './step-titles.js'
import { authorizeSend, TokenLocks } from './token-renew.js'
import { tokenView } from './token-vault.js'
import { ownedEnvironmentKey, ownsKey, type OAuthCaller } from './token-owner.js'

export type { CallbackBinding } from './flow-finish.js'
export type { OAuthServiceOptions } from './oauth-context.js'
export type { OAuthCaller } from './token-owner.js'

/**
 * Runs OAuth 2 flows for the person and keeps their tokens: every grant, discovery, the callback
 * Courier captures itself, the device-code poll, and the refresh before a send. Each step is
 * recorded for the flow inspector with its HTTP exchange, secrets masked. Starting is
 * `flow-start.ts`, the callback `flow-finish.ts`, the renewal before a send `token-renew.ts`.
 */
export class OAuthService {
  private readonly context: OAuthContext
  private readonly locks = new TokenLocks()

  constructor(options: OAuthServiceOptions) {
    this.context = oauthContext(options)
  }

  /** Stops device polls (the server is closing). */
  close(): void {
    for (const controller of this.context.pollers.values()) controller.abort()
    this.context.pollers.clear()
  }

  async discover(
    issuer: string,
    environmentId: string | null | undefined,
    caller?: OAuthCaller,
  ): Promise<OAuthMetadata> {
    const { options, discoveries, now } = this.context
    const config = await options.resolveConfig(OAuth2ConfigSchema.parse({ issuer }), environmentId, caller)
    const result = await discover(config.issuer, await options.http())
    if (!result.ok) throw result.error
    discoveries.set(result.metadata.issuer, { metadata: result.metadata, at: now() })
    return result.metadata
  }

  /** Starts a flow. Browser grants answer a binding value for the callback cookie. */
  /** Starts a flow for `caller` (team mode: the tokens it obtains are theirs alone). */
  async start(input: OAuthFlowStart, caller?: OAuthCaller): Promise<Started> {
    const config = await this.context.options.resolveConfig(
      OAuth2ConfigSchema.parse(input.config),
      input.environmentId,
      caller,
    )
    return startFlow(this.context, config, input.environmentId, input.grant ?? config.grant, caller)
  }

  /** A flow of `caller`'s; anyone else's answers NOT_FOUND like one that never existed. */
  private async owned(id: string, caller: OAuthCaller | undefined) {
    const flow = await this.context.flows.get(id)
    return flow && ownsKey(caller, flow.view.environmentKey) ? flow : undefined
  }

  async get(id: string, caller?: OAuthCaller): Promise<OAuthFlowView> {
    const { flows, pollers, now, iso } = this.context
    const flow = await this.owned(id, caller)
    if (!flow) throw new CourierError('NOT_FOUND', 'No OAuth flow has that id; start a new one.')
    const live = flow.view.status === 'waiting' || flow.view.status === 'polling'
    if (live && Date.parse(flow.view.expiresAt) < now()) {
      // A device poll also ends here when the Courier that ran it restarted before the code expired.
      const device = flow.view.status === 'polling'
      const error = device
        ? oauthError(
            'OAUTH_STATE_EXPIRED',
            'device-poll',
            'Device poll: the device code expired before the sign-in finished; start again.',
          )
        : oauthError(
            'OAUTH_STATE_EXPIRED',
            'callback',
            'Callback: no answer came within 10 minutes, so the state expired; start the flow again.',
          )
      failStep(
        flow.view,
        device ? 'device-poll' : 'authorize',
        device ? STEP_TITLES['device-poll'] : STEP_TITLES.authorize,
        iso(),
        error,
      )
      failFlow(flow.view, error, device ? 'device-poll' : 'callback')
      pollers.get(id)?.abort()
      await flows.save(flow)
    }
    return flow.view
  }

  async cancel(id: string, caller?: OAuthCaller): Promise<OAuthFlowView> {
    const { flows, pollers, options, iso } = this.context
    const flow = await this.owned(id, caller)
    if (!flow) throw new CourierError('NOT_FOUND', 'No OAuth flow has that id.')
    if (flow.view.status !== 'waiting' && flow.view.status !== 'polling') return flow.view
    pollers.get(id)?.abort()
    await options.store.consumeFlow(id, iso())
    flow.view.status = 'cancelled'
    for (const step of flow.view.steps) if (step.status === 'waiting') step.status = 'skipped'
    await flows.save(flow)
    return flow.view
  }

  /** The callback from a pasted redirect URL: query for code flows, fragment for implicit. */
  async finishPasted(flowId: string, text: string, caller?: OAuthCaller): Promise<OAuthFlowView> {
    if (!(await this.owned(flowId, caller)))
      throw new CourierError('NOT_FOUND', 'No OAuth flow has that id; start a new one.')
    return finishPasted(this.context, flowId, text)
  }

  /** Finishes a browser flow from its authorization response (see `flow-finish.ts` for the checks). */
  finish(pairs: readonly Pair[], binding: CallbackBinding, carrier: 'query' | 'fragment'): Promise<FinishResult> {
    return finishFlow(this.context, pairs, binding, carrier)
  }

  async token(
    environmentId: string | null | undefined,
    tokenKey: string,
    caller?: OAuthCaller,
  ): Promise<OAuthTokenView | null> {
    const environmentKey = ownedEnvironmentKey(caller, environmentId)
    const key = tokenKey.trim() || 'default'
    const stored = await this.context.vault.get(environmentKey, key)
    return stored ? tokenView(environmentKey, key, stored) : null
  }

  async forget(environmentId: string | null | undefined, tokenKey: string, caller?: OAuthCaller): Promise<void> {
    await this.context.vault.remove(ownedEnvironmentKey(caller, environmentId), tokenKey.trim() || 'default')
  }

  /** The OAuth step of a send: the stored token, renewed first when it expired (`token-renew.ts`). */
  authorize(spec: RequestSpec, environmentId: string | null | undefined, caller?: OAuthCaller): Promise<RequestSpec> {
    return authorizeSend(this.context, this.locks, spec, environmentId, caller)
  }
}
