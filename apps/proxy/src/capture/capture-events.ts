import type { FastifyInstance } from 'fastify'
import { CAPTURE_EVENTS, CAPTURE_EVENTS_PATH } from '@courier/shared'
import { openEventStream } from '../routes/event-stream.js'

/** The bus key a person's captured exchanges are announced on (never a workspace id: those have no colon). */
export const captureBusKey = (userId: string) => `capture:${userId}`

export type CaptureEventsOptions = { heartbeatMs?: number }

/**
 * `GET /api/capture/events`: the caller's captured exchanges as they are recorded, as server-sent
 * events — `capture` with the entry's HistorySummary (read from the caller's own history, so an
 * announcement can never hand out someone else's entry), `resync` when some may have been missed.
 * Any instance may record an exchange: the announcement comes over the change bus.
 */
export default async function captureEvents(fastify: FastifyInstance, options: CaptureEventsOptions) {
  const open = new Set<() => void>()
  fastify.get(CAPTURE_EVENTS_PATH, async (request, reply) => {
    const { history, actor } = request.scope
    return openEventStream(reply, {
      bus: fastify.services.bus,
      key: captureBusKey(actor.userId),
      open,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      ready: CAPTURE_EVENTS.ready,
      onMessage(message, stream) {
        if (message.type === 'resync') return stream.send(CAPTURE_EVENTS.resync, {})
        if (message.event.kind !== 'capture') return
        void summaryOf(message.event.id).then((summary) => summary && stream.send(CAPTURE_EVENTS.capture, summary))
      },
    })
    async function summaryOf(id: string) {
      const entry = await history.get(id).catch(() => undefined)
      if (!entry) return undefined
      const { request: _request, response: _response, ...summary } = entry
      return summary
    }
  })
  fastify.addHook('preClose', async () => {
    for (const end of [...open]) end()
  })
}
