import type { FastifyBaseLogger } from 'fastify'
import type { ChangeBus } from '../ports/change-bus.js'

/**
 * Tells the mock's workspace that the mock changed (its settings, or its call log), so an open
 * Mocks view refetches. Ids and versions only; a failed publish never fails what caused it.
 */
export async function publishMockChange(
  bus: ChangeBus,
  log: FastifyBaseLogger,
  change: {
    workspaceId: string
    id: string
    version: number | null
    action: 'saved' | 'deleted'
    by: { userId: string; name: string }
    clientId: string | null
  },
): Promise<void> {
  try {
    await bus.publish({ ...change, kind: 'mock', instanceId: bus.instanceId, at: new Date().toISOString() })
  } catch (error) {
    log.warn({ err: error }, 'a mock change could not be published')
  }
}
