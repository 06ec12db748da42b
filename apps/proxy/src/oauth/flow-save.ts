import type { OAuthFlowView } from '@courier/shared'
import type { FlowSecret } from './flow-record.js'
import type { OAuthContext } from './oauth-context.js'

export async function saveNew(
  context: OAuthContext,
  view: OAuthFlowView,
  secret: FlowSecret,
  stateHash: string | null,
  bindingHash: string | null,
): Promise<OAuthFlowView> {
  await context.flows.create(rowFor(view, stateHash, bindingHash), secret, view)
  return view
}

export function rowFor(view: OAuthFlowView, stateHash: string | null, bindingHash: string | null) {
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
