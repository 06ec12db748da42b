import type { OAuthFlowView } from '@courier/shared'
import { pollDevice, startDeviceAuthorization } from './device-flow.js'
import { completeWithTokens } from './flow-finish.js'
import { failFlow, newStep, type Flow, type FlowSecret } from './flow-record.js'
import { rowFor, saveNew } from './flow-save.js'
import type { OAuthContext } from './oauth-context.js'
import { STEP_TITLES } from './step-titles.js'

const DEVICE_MAX_MS = 30 * 60_000

export async function startDeviceFlow(
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
