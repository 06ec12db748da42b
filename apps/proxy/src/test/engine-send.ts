import { RequestSpecSchema, type RequestSpecInput, type ResponseRecord } from '@courier/shared'
import { LOCAL_DESTINATIONS } from '../engine/address-policy.js'
import { sendRequest, type SendContext } from '../engine/send-request.js'
import { DEFAULT_ENGINE_SETTINGS } from '../engine/settings.js'
import { newId } from '../ids.js'
import { testBodyStore } from './stores.js'

/**
 * One send straight through the engine, no server: loopback targets allowed, default settings,
 * the body kept in `bodies` (a temp folder unless given) under the record's id.
 */
export function engineSend(
  input: RequestSpecInput,
  overrides: Partial<SendContext> = {},
  bodies = testBodyStore(),
): Promise<ResponseRecord> {
  const id = newId()
  return sendRequest(RequestSpecSchema.parse(input), {
    id,
    policy: { allowed: LOCAL_DESTINATIONS, selfPorts: new Set() },
    defaults: DEFAULT_ENGINE_SETTINGS,
    userAgent: 'Courier/test',
    openSink: () => bodies.openSink(id),
    inlineLimit: 64 * 1024,
    ...overrides,
  })
}
