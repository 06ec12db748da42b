import type { OAuth2Config, OAuthFlowView, OAuthStep, OAuthStepId } from '@courier/shared'
import type { CourierError } from '../errors.js'
import type { SecretBox } from '../secrets/secret-box.js'
import type { FlowRow, OAuthStore } from '../storage/oauth-store.js'

/** What a flow keeps server-side only (sealed): never in a view, never logged (docs/security.md#oauth). */
export type FlowSecret = {
  config: OAuth2Config
  verifier: string | null
  nonce: string | null
  deviceCode: string | null
  redirectUri: string | null
  tokenUrl: string | null
  /** The issuer the callback's `iss` must name (RFC 9207), from the config or discovery. */
  issuer: string | null
  issParameterSupported: boolean
  jwksUri: string | null
}

export type Flow = { row: FlowRow; secret: FlowSecret; view: OAuthFlowView }

export function newStep(
  id: OAuthStepId,
  title: string,
  status: OAuthStep['status'],
  at: string,
  extra: Partial<OAuthStep> = {},
): OAuthStep {
  return { id, title, status, at, checks: [], ...extra }
}

/** Replaces the last step with this id, or adds it: a waiting step becomes done or failed in place. */
export function putStep(view: OAuthFlowView, step: OAuthStep): void {
  for (let i = view.steps.length - 1; i >= 0; i--) {
    if (view.steps[i]!.id === step.id && view.steps[i]!.status === 'waiting') {
      view.steps[i] = step
      return
    }
  }
  view.steps.push(step)
}

/** Turns the step waiting under this id failed, keeping what it showed; or adds a failed step. */
export function failStep(view: OAuthFlowView, id: OAuthStepId, title: string, at: string, error: CourierError): void {
  const waiting = [...view.steps].reverse().find((step) => step.id === id && step.status === 'waiting')
  const failed = { code: error.code, message: error.message }
  if (waiting) Object.assign(waiting, { status: 'failed', error: failed })
  else view.steps.push(newStep(id, title, 'failed', at, { error: failed }))
}

/** Marks the flow failed at a step, the error kept for the inspector and the answer. */
export function failFlow(view: OAuthFlowView, error: CourierError, step: OAuthStepId): void {
  view.status = 'failed'
  view.error = { code: error.code, message: error.message, step }
}

export class FlowRecords {
  constructor(
    private readonly store: OAuthStore,
    private readonly box: SecretBox,
  ) {}

  async create(
    row: Omit<FlowRow, 'sealed' | 'view_json' | 'status'>,
    secret: FlowSecret,
    view: OAuthFlowView,
  ): Promise<Flow> {
    const full: FlowRow = {
      ...row,
      status: view.status,
      sealed: this.box.seal(JSON.stringify(secret)),
      view_json: JSON.stringify(view),
    }
    await this.store.createFlow(full)
    return { row: full, secret, view }
  }

  async load(row: FlowRow): Promise<Flow> {
    return {
      row,
      secret: JSON.parse(this.box.open(row.sealed)) as FlowSecret,
      view: JSON.parse(row.view_json) as OAuthFlowView,
    }
  }

  async get(id: string): Promise<Flow | undefined> {
    const row = await this.store.getFlow(id)
    return row ? this.load(row) : undefined
  }

  /** Saves the view (and status); the sealed part only changes when asked. */
  async save(flow: Flow, secretChanged = false): Promise<void> {
    const changes = {
      status: flow.view.status,
      view_json: JSON.stringify(flow.view),
      ...(secretChanged ? { sealed: this.box.seal(JSON.stringify(flow.secret)) } : {}),
    }
    await this.store.updateFlow(flow.row.id, changes)
    flow.row = { ...flow.row, ...changes }
  }
}
