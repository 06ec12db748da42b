import { ClientIdSchema } from '@courier/shared'
import type { ChangeBus } from '../ports/change-bus.js'
import { publishingData } from '../storage/publishing-data.js'
import type { Scope } from './scope.js'

/** The page's own id from its x-courier-client header, when it is one. */
export function clientIdOf(header: string | string[] | undefined): string | null {
  const parsed = ClientIdSchema.safeParse(header)
  return parsed.success ? parsed.data : null
}

/**
 * The scope whose every successful write to collections, items and environments is published on
 * the bus with its workspace, its actor and the page that made it. A failed publish never fails
 * the write (it is saved; pages that missed the event see it on their next refetch): it is reported.
 */
export function publishingScope(
  scope: Scope,
  bus: ChangeBus,
  clientId: string | null,
  onError: (error: unknown) => void,
): Scope {
  const by = { userId: scope.actor.userId, name: scope.actor.name }
  const data = publishingData(scope.data, async (change) => {
    try {
      await bus.publish({
        ...change,
        workspaceId: scope.workspaceId,
        by,
        clientId,
        instanceId: bus.instanceId,
        at: new Date().toISOString(),
      })
    } catch (error) {
      onError(error)
    }
  })
  return { ...scope, data }
}
