import type { FastifyInstance, FastifyRequest } from 'fastify'
import { EVENTS_PATH, LIVE_EVENTS, endpoints, type Viewer } from '@courier/shared'
import type { BusMessage } from '../ports/change-bus.js'
import { parseInput } from './parse-input.js'
import { openEventStream } from './event-stream.js'

export type LiveRoutesOptions = {
  /** Team mode: presence is kept and shown; single-user mode shows none. */
  team: boolean
  /** A comment line on every open stream this often, so proxies and browsers keep it open (15 s). */
  heartbeatMs?: number
  /** A presence report counts this long; pages report every ~12 s (35 s). */
  presenceTtlMs?: number
  now?: () => number
}

/**
 * The live half of team mode: `GET /api/events`, the changes of the request's workspace as
 * server-sent events (gated and scoped like every API route: a workspace the actor is not a member
 * of answers 404 before the stream opens), and presence. Per open stream the server keeps its bus
 * listener and a timer, nothing else.
 */
export default async function liveRoutes(fastify: FastifyInstance, options: LiveRoutesOptions) {
  const heartbeatMs = options.heartbeatMs ?? 15_000
  const presenceTtlMs = options.presenceTtlMs ?? 35_000
  const now = options.now ?? Date.now
  const open = new Set<() => void>()

  fastify.get(EVENTS_PATH, async (request, reply) => {
    const { workspaceId, actor } = request.scope
    return openEventStream(reply, {
      bus: fastify.services.bus,
      key: workspaceId,
      open,
      heartbeatMs,
      ready: LIVE_EVENTS.ready,
      onMessage: (message: BusMessage, stream) =>
        message.type === 'change'
          ? stream.send(LIVE_EVENTS.change, message.event)
          : stream.send(LIVE_EVENTS.resync, {}),
      // A removal takes effect on an open stream too: checked again at every heartbeat.
      onHeartbeat: (stream) => {
        if (options.team && actor.via !== 'local')
          fastify.store.memberships.roleOf(workspaceId, actor.userId).then(
            (role) => role === undefined && stream.end(),
            () => {},
          )
      },
    })
  })

  // The server closes: every open stream ends cleanly before the sockets go.
  fastify.addHook('preClose', async () => {
    for (const end of [...open]) end()
  })

  const viewers = async (request: FastifyRequest): Promise<Viewer[]> => {
    const { workspaceId, actor } = request.scope
    if (!options.team || actor.via === 'local') return []
    const all = await fastify.store.presence.viewers(workspaceId, new Date(now()))
    return all.filter((viewer) => viewer.userId !== actor.userId)
  }

  fastify.get(endpoints.listViewers.path, async (request) => viewers(request))

  fastify.put(endpoints.reportPresence.path, async (request) => {
    const { clientId, itemId } = parseInput(endpoints.reportPresence.body, request.body)
    const { workspaceId, actor } = request.scope
    if (!options.team || actor.via === 'local') return []
    const at = now()
    const { before } = await fastify.store.presence.report({
      workspaceId,
      userId: actor.userId,
      clientId,
      name: actor.name,
      itemId,
      now: new Date(at),
      expiresAt: new Date(at + presenceTtlMs),
    })
    if (before !== itemId) {
      const bus = fastify.services.bus
      await bus.publish({
        workspaceId,
        kind: 'presence',
        id: itemId ?? before ?? '',
        version: null,
        action: 'saved',
        by: { userId: actor.userId, name: actor.name },
        clientId,
        instanceId: bus.instanceId,
        at: new Date(at).toISOString(),
      })
    }
    return viewers(request)
  })
}
